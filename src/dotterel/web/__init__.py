"""The dashboard: HTML pages whose data all comes from the public ``/api`` JSON, fetched by a
small bundled script (``static/app.js``, chart in ``static/chart.js``). No CDN, no build step."""
from dotterel.web._pages import install

__all__ = ["install"]
