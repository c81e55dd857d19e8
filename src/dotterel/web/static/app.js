/* dotterel dashboard. Every page is drawn from the public JSON API (each page links to the
   JSON it was built from). DOM is built with textContent only: stored text is never parsed
   as HTML. */
"use strict";
(function () {
  const root = document.getElementById("app");
  /* one label per stance of dotterel.vocab.STANCES (tests/unit/test_vocab.py checks they agree) */
  const STANCES = {
    asserts: "asserted", denies: "denied", disputes: "disputed", supports: "supported",
    demands_evidence: "evidence demanded", retracts: "retracted",
  };
  const QUAD_NAMES = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

  /* ---------- small helpers ---------- */
  function el(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "on") for (const [ev, fn] of Object.entries(v)) n.addEventListener(ev, fn);
      else n.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      n.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return n;
  }
  const enc = encodeURIComponent;

  async function api(path, options) {
    const res = await fetch(path, Object.assign({ headers: { Accept: "application/json" } }, options || {}));
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      const err = body && body.error ? body.error : { code: "http_" + res.status, message: res.statusText };
      throw Object.assign(new Error(err.message), { code: err.code, status: res.status });
    }
    return body;
  }

  function jsonLink(path) {
    return el("a", { class: "json", href: path, title: "The JSON this was built from" }, "JSON");
  }
  function failure(err) {
    return el("p", { class: "error", role: "alert" }, `${err.code ? err.code + ": " : ""}${err.message}`);
  }
  function section(title, path, ...body) {
    return el("section", {}, el("h2", {}, title, path ? " " : null, path ? jsonLink(path) : null), ...body);
  }
  function actorLabel(a) {
    if (!a) return el("span", { class: "muted" }, "—");
    const code = a.code ? el("span", { class: "code" }, a.code + (a.sector ? "·" + a.sector : "")) : null;
    return el("span", { class: "actor", title: a.name || a.text || "" }, code, " ", a.text || a.name || "");
  }
  function stanceBadge(stance) {
    return el("span", { class: "stance s-" + stance }, STANCES[stance] || stance);
  }
  function articleLink(article) {
    const title = article.title || article.id;
    const short = title.length > 70 ? title.slice(0, 67) + "…" : title;
    return el("a", { href: "/article/" + enc(article.id), title: title }, short);
  }
  function goldstein(g) {
    return el("span", { class: "gs " + (g < 0 ? "neg" : g > 0 ? "pos" : "") }, (g > 0 ? "+" : "") + g.toFixed(1));
  }

  /* The sentence of an event with its trigger marked. Offsets are article offsets; the
     sentence starts at sentence_start. Falls back to the first match of the trigger. */
  function sentenceWithTrigger(e) {
    const s = e.sentence_text;
    let from = e.trigger_start - e.sentence_start, to = e.trigger_end - e.sentence_start;
    if (!(from >= 0 && to <= s.length && s.slice(from, to) === e.trigger)) {
      from = s.indexOf(e.trigger);
      to = from + e.trigger.length;
    }
    if (from < 0) return el("span", { class: "sentence" }, s);
    return el("span", { class: "sentence" }, s.slice(0, from), el("mark", { class: "trigger" }, s.slice(from, to)), s.slice(to));
  }

  /* Text with overlapping highlighted spans: cut at every span boundary, and give each piece
     the classes (and titles) of every span covering it. */
  function highlighted(text, spans) {
    const cuts = new Set([0, text.length]);
    const good = spans.filter(s => s.start !== null && s.end !== null && s.start < s.end && s.end <= text.length);
    good.forEach(s => { cuts.add(s.start); cuts.add(s.end); });
    const points = [...cuts].sort((a, b) => a - b);
    const out = el("div", { class: "article-text" });
    let para = el("p");
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const covering = good.filter(s => s.start <= a && s.end >= b);
      const pieces = text.slice(a, b).split("\n");
      pieces.forEach((piece, k) => {
        if (k > 0) { out.appendChild(para); para = el("p"); }
        if (!piece) return;
        if (!covering.length) { para.appendChild(document.createTextNode(piece)); return; }
        para.appendChild(el("span", {
          class: covering.map(s => s.cls).join(" "),
          title: covering.map(s => s.title).filter(Boolean).join("\n"),
          "data-ref": covering.map(s => s.ref).filter(Boolean).join(" ") || null,
        }, piece));
      });
    }
    out.appendChild(para);
    return out;
  }

  function spansOf(events, claims) {
    const spans = [];
    for (const c of claims) {
      const who = c.speaker ? (c.speaker.code || c.speaker.text) : "?";
      spans.push({ start: c.content_start, end: c.content_end, cls: "hl-claim s-" + c.stance,
        title: `claim (${STANCES[c.stance] || c.stance}) by ${who}`, ref: "c-" + c.id });
      if (c.cue_start !== null) spans.push({ start: c.cue_start, end: c.cue_start + c.cue.length, cls: "hl-cue", title: "cue: " + c.cue });
    }
    for (const e of events) {
      const a = e.actor ? e.actor.code || "?" : "?", b = e.recipient ? e.recipient.code || "?" : "—";
      spans.push({ start: e.trigger_start, end: e.trigger_end, cls: "hl-trigger q" + e.quad_class,
        title: `${a} → ${b}: CAMEO ${e.cameo} ${e.plover.type || ""} (Goldstein ${e.goldstein})`, ref: "e-" + e.id });
      for (const who of [e.actor, e.recipient]) {
        if (who && who.start !== null && who.end !== null) spans.push({ start: who.start, end: who.end, cls: "hl-actor", title: `${who.code || "?"}: ${who.name || who.text}` });
      }
    }
    return spans;
  }

  function legend() {
    return el("p", { class: "legend" },
      el("span", { class: "hl-trigger q1" }, "event trigger"), " ",
      el("span", { class: "hl-actor" }, "actor"), " ",
      el("span", { class: "hl-claim s-asserts" }, "claim"), " ",
      el("span", { class: "hl-claim s-denies" }, "denial / dispute"), " ",
      el("span", { class: "hl-cue" }, "cue"));
  }

  /* ---------- tables and lists ---------- */
  function eventTable(events, { withArticle = true, withDate = true } = {}) {
    const head = el("tr", {}, withDate ? el("th", {}, "Date") : null, el("th", {}, "Actor"), el("th", {}, "Event"),
      el("th", {}, "Recipient"), el("th", { class: "num" }, "Goldstein"), el("th", {}, "Sentence"), withArticle ? el("th", {}, "Article") : null);
    const rows = events.map(e => el("tr", { id: "e-" + e.id, class: "event q" + e.quad_class },
      withDate ? el("td", { class: "date" }, e.date || "undated") : null,
      el("td", {}, actorLabel(e.actor)),
      el("td", {}, el("span", { class: "cameo", title: QUAD_NAMES[e.quad_class - 1] }, e.cameo), " ",
        el("span", { class: "plover" }, e.plover.type || ""), e.negated ? el("span", { class: "flag" }, "negated") : null,
        e.hypothetical ? el("span", { class: "flag" }, "hypothetical") : null),
      el("td", {}, actorLabel(e.recipient)),
      el("td", { class: "num" }, goldstein(e.goldstein)),
      el("td", {}, sentenceWithTrigger(e)),
      withArticle ? el("td", {}, e.article ? articleLink(e.article) : "") : null));
    return el("table", { class: "events" }, el("thead", {}, head), el("tbody", {}, rows));
  }

  function claimItem(c, { depth = null, current = false } = {}) {
    const who = c.speaker ? el("span", { class: "speaker" }, actorLabel(c.speaker)) : el("span", { class: "muted" }, "unattributed");
    const meta = el("div", { class: "meta" },
      c.article ? (c.article.date || "undated") : null, c.article ? " · " : null, c.article ? articleLink(c.article) : null);
    const challenged = c.challenges ? el("span", { class: "challenged" }, `challenged ${c.challenges}× by ${c.challenged_by.join(", ") || "?"}`) : null;
    return el("li", { id: "c-" + c.id, class: "claim s-" + c.stance + (current ? " current" : ""),
      "data-depth": depth },
      el("div", {}, stanceBadge(c.stance), " ", who, " ", el("span", { class: "cue" }, c.cue)),
      el("blockquote", {}, el("a", { href: "/claims/" + enc(c.id) }, c.content)),
      challenged, meta);
  }

  /* ---------- the map: equirectangular, drawn offline from the bundled outline ---------- */
  const SVG_NS = "http://www.w3.org/2000/svg";
  let worldOutline = null;
  function svgEl(tag, attrs, ...children) {
    const n = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) n.setAttribute(k, String(v));
    for (const c of children.flat()) if (c) n.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    return n;
  }
  async function world() {
    if (!worldOutline) worldOutline = await api("/static/world.json");
    return worldOutline;
  }
  function placeLabel(p) {
    return `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.events} event${p.events === 1 ? "" : "s"}, ${p.mentions} report${p.mentions === 1 ? "" : "s"}`;
  }

  /* Towns, sites and regions are points sized by reports; country-level places are the whole
     country, so they are listed apart and never drawn at the capital. */
  async function placeMap(path, box) {
    try {
      const [outline, found] = await Promise.all([world(), api(path)]);
      const points = found.items.filter(p => p.level !== "country" && p.lat !== null && p.lon !== null);
      // a country, or a region with no point of its own ("northern Syria"): listed, not drawn
      const countries = found.items.filter(p => p.level === "country" || p.lat === null || p.lon === null);
      const most = Math.max(1, ...points.map(p => p.mentions));
      const map = svgEl("svg", { class: "map", viewBox: `0 0 ${outline.width} ${outline.height}`, role: "img",
        "aria-label": `${points.length} places of towns, sites and regions` },
        svgEl("rect", { class: "sea", x: 0, y: 0, width: outline.width, height: outline.height }),
        svgEl("path", { class: "land", d: outline.path }),
        points.map(p => svgEl("circle", { class: "place lvl-" + p.level, cx: (p.lon + 180).toFixed(2),
          cy: (90 - p.lat).toFixed(2), r: (1.2 + 4 * Math.sqrt(p.mentions / most)).toFixed(2),
          "data-name": p.name, "data-mentions": p.mentions },
          svgEl("title", {}, `${placeLabel(p)} · ${p.level}`))));
      const key = el("p", { class: "legend" }, el("span", { class: "key lvl-city" }, "town or site"),
        el("span", { class: "key lvl-region" }, "region"), el("span", { class: "muted" }, " · size: reports"));
      const listed = countries.length
        ? el("table", { class: "country-places" },
          el("thead", {}, el("tr", {}, el("th", {}, "Country or region"), el("th", { class: "num" }, "Events"),
            el("th", { class: "num" }, "Reports"), el("th", {}, "Dates"))),
          el("tbody", {}, countries.map(p => el("tr", {},
            el("td", {}, el("span", { class: "code" }, p.country || "?"), " ", p.name),
            el("td", { class: "num" }, p.events), el("td", { class: "num" }, p.mentions),
            el("td", { class: "date" }, p.first ? (p.first === p.last ? p.first : `${p.first} … ${p.last}`) : "undated")))))
        : el("p", { class: "muted" }, "No events placed only in a country.");
      box.replaceChildren(
        points.length ? map : el("p", { class: "muted" }, "No events placed in a town, site or region."),
        points.length ? key : null,
        el("h3", {}, "Placed only in a country"),
        el("p", { class: "muted note" }, "The article names the country, not a town or region: listed here, not drawn on the map."),
        listed);
    } catch (err) { box.replaceChildren(failure(err)); }
  }

  /* ---------- pages ---------- */
  async function home() {
    const dyadsPath = "/api/dyads?limit=15", claimsPath = "/api/claims?disputed=true&limit=10";
    root.replaceChildren(el("h1", {}, "Political events and contested claims"));
    const dyadBox = section("Most active dyads", dyadsPath, el("p", { class: "loading" }, "Loading…"));
    const claimBox = section("Recently disputed claims", claimsPath, el("p", { class: "loading" }, "Loading…"));
    const search = el("form", { class: "search", role: "search" },
      el("input", { type: "search", name: "q", placeholder: "Search claims, e.g. ISIS", "aria-label": "Search claims" }),
      el("button", { type: "submit" }, "Search"));
    const results = el("div", { class: "results" });
    search.addEventListener("submit", ev => { ev.preventDefault(); searchClaims(search.q.value, results); });
    root.append(el("div", { class: "columns" }, dyadBox, claimBox), section("Search claims", null, search, results));
    try {
      const dyads = await api(dyadsPath);
      const table = el("table", { class: "dyads" },
        el("thead", {}, el("tr", {}, el("th", {}, "Dyad"), el("th", { class: "num" }, "Events"),
          el("th", { class: "num" }, "Conflict"), el("th", { class: "num" }, "Mean Goldstein"), el("th", {}, "Dates"))),
        el("tbody", {}, dyads.items.map(d => el("tr", {},
          el("td", { class: "pair" }, el("a", { href: `/dyad/${enc(d.a)}/${enc(d.b)}` }, `${d.a} – ${d.b}`)),
          el("td", { class: "num" }, d.events), el("td", { class: "num" }, d.conflict),
          el("td", { class: "num" }, d.mean_goldstein === null ? "" : goldstein(d.mean_goldstein)),
          el("td", { class: "date" }, d.first ? `${d.first} … ${d.last}` : "undated")))));
      dyadBox.replaceChildren(dyadBox.firstChild, dyads.items.length ? table : el("p", { class: "muted" }, "No events between two actors yet."));
    } catch (err) { dyadBox.replaceChildren(dyadBox.firstChild, failure(err)); }
    try {
      const claims = await api(claimsPath);
      claimBox.replaceChildren(claimBox.firstChild, claims.items.length
        ? el("ul", { class: "claims" }, claims.items.map(c => claimItem(c)))
        : el("p", { class: "muted" }, "No disputed claims yet."));
    } catch (err) { claimBox.replaceChildren(claimBox.firstChild, failure(err)); }
  }

  async function searchClaims(q, box) {
    const path = "/api/claims?limit=50&q=" + enc(q);
    box.replaceChildren(el("p", { class: "loading" }, "Searching…"));
    try {
      const found = await api(path);
      box.replaceChildren(el("p", { class: "muted" }, `${found.total} claims `, jsonLink(path)),
        el("ul", { class: "claims" }, found.items.map(c => claimItem(c))));
    } catch (err) { box.replaceChildren(failure(err)); }
  }

  async function dyad() {
    const a = root.dataset.a, b = root.dataset.b;
    const chartBox = el("div", { class: "chart-box" }, el("p", { class: "loading" }, "Loading…"));
    const choose = el("div", { class: "periods", role: "group", "aria-label": "Period" },
      ["day", "week", "month"].map(by => el("button", { type: "button", "data-by": by,
        on: { click: () => drawSeries(by) } }, by)));
    const seriesHead = el("h2", {}, "Events per period ");
    const tableBox = el("div", {}, el("p", { class: "loading" }, "Loading…"));
    const eventsPath = `/api/events?actor=${enc(a)}&recipient=${enc(b)}&undirected=true&limit=200`;
    const placesPath = `/api/places?actor=${enc(a)}&recipient=${enc(b)}&undirected=true`;
    const mapBox = el("div", { class: "map-box" }, el("p", { class: "loading" }, "Loading…"));
    root.replaceChildren(el("h1", {}, `${a} – ${b}`),
      el("section", {}, seriesHead, choose, chartBox, quadLegend()),
      section("Where", placesPath, mapBox),
      section("Events", eventsPath, tableBox));
    placeMap(placesPath, mapBox);

    async function drawSeries(by) {
      const path = `/api/dyads/${enc(a)}/${enc(b)}/series?by=${by}`;
      seriesHead.replaceChildren("Events per period ", jsonLink(path));
      choose.querySelectorAll("button").forEach(btn => btn.classList.toggle("on", btn.dataset.by === by));
      history.replaceState(null, "", `${location.pathname}?by=${by}`);
      try {
        const series = await api(path);
        const empty = !series.points.length && !series.undated;
        const note = !series.points.length && series.undated
          ? el("p", { class: "muted note" }, `All ${series.undated.events} events between ${a} and ${b} are undated: their articles carry no date.`)
          : null;
        chartBox.replaceChildren(empty ? el("p", { class: "muted" }, `No events between ${a} and ${b}.`) : DotterelChart.render(series));
        if (note) chartBox.appendChild(note);
      } catch (err) { chartBox.replaceChildren(failure(err)); }
    }
    const asked = new URLSearchParams(location.search).get("by");
    drawSeries(["day", "week", "month"].includes(asked) ? asked : "month");
    await loadEvents(eventsPath, tableBox);
  }

  function quadLegend() {
    return el("p", { class: "legend" }, QUAD_NAMES.map((q, i) => el("span", { class: "key q" + (i + 1) }, q)),
      el("span", { class: "key gs" }, "mean Goldstein (−10 … +10)"));
  }

  async function loadEvents(path, box) {
    try {
      const page = await api(path);
      const table = eventTable(page.items);
      const more = el("button", { type: "button", class: "more" }, "More events");
      let offset = page.items.length;
      more.addEventListener("click", async () => {
        const next = await api(`${path}&offset=${offset}`);
        offset += next.items.length;
        table.tBodies[0].append(...eventTable(next.items).tBodies[0].children);
        if (offset >= next.total) more.remove();
      });
      box.replaceChildren(el("p", { class: "muted" }, `${page.total} events`), table);
      if (page.total > offset) box.appendChild(more);
    } catch (err) { box.replaceChildren(failure(err)); }
  }

  async function claim() {
    const id = root.dataset.id, path = "/api/claims/" + enc(id);
    root.replaceChildren(el("h1", {}, "Claim thread ", jsonLink(path)), el("p", { class: "loading" }, "Loading…"));
    try {
      const thread = await api(path);
      const first = thread.entries.find(e => e.id === thread.root_id) || thread.entries[0];
      const tally = {}, articles = new Set(thread.entries.map(e => e.article.id));
      thread.entries.forEach(e => { tally[e.stance] = (tally[e.stance] || 0) + 1; });
      const by = first.speaker ? first.speaker.name || first.speaker.text : "an unattributed source";
      const summary = el("p", { class: "tally" }, Object.entries(tally).map(([s, n]) => el("span", {}, stanceBadge(s), ` ×${n} `)));
      const items = thread.entries.map(e => claimItem(e, { depth: Math.min(e.depth, 6), current: e.id === thread.claim_id }));
      root.replaceChildren(el("h1", {}, "Claim thread ", jsonLink(path)),
        el("p", { class: "lede" }, "“", first.content, "”"),
        el("p", { class: "meta" }, `${STANCES[first.stance] || first.stance} by ${by} · ${thread.entries.length} claims in `
          + `${articles.size} article${articles.size === 1 ? "" : "s"}`),
        summary, el("ol", { class: "timeline" }, items));
    } catch (err) { root.replaceChildren(el("h1", {}, "Claim thread"), failure(err)); }
  }

  async function article() {
    const id = root.dataset.id, path = "/api/articles/" + enc(id);
    try {
      const view = await api(path);
      root.replaceChildren(...articleView(view.article, view.events, view.claims, path));
    } catch (err) { root.replaceChildren(el("h1", {}, "Article"), failure(err)); }
  }

  function articleView(a, events, claims, path) {
    const meta = [a.date || "undated", a.source, a.url ? el("a", { href: a.url, rel: "noopener noreferrer" }, "source") : null]
      .filter(Boolean).flatMap((x, i) => (i ? [" · ", x] : [x]));
    return [el("h1", {}, a.title || "Untitled article", path ? " " : null, path ? jsonLink(path) : null),
      el("p", { class: "meta" }, meta), legend(), highlighted(a.text, spansOf(events, claims)),
      section(`Events (${events.length})`, null, eventTable(events, { withArticle: false })),
      section(`Claims (${claims.length})`, null, el("ul", { class: "claims" }, claims.map(c => claimItem(c))))];
  }

  function code() {
    const form = el("form", { class: "code-form" },
      el("label", {}, "Article text", el("textarea", { name: "text", rows: 14, required: true,
        placeholder: "Paste an article: headline on the first line, then the body." })),
      el("div", { class: "row" },
        el("label", {}, "Title (optional)", el("input", { name: "title", type: "text" })),
        el("label", {}, "Date (optional)", el("input", { name: "date", type: "date" }))),
      el("button", { type: "submit" }, "Code it"), " ",
      el("span", { class: "muted" }, "POST /api/code — the text is coded, not stored."));
    const out = el("div", { class: "coded" });
    root.replaceChildren(el("h1", {}, "Code an article"), form, out);
    form.addEventListener("submit", async ev => {
      ev.preventDefault();
      const body = { text: form.text.value };
      if (form.title.value.trim()) body.title = form.title.value.trim();
      if (form.date.value) body.date = form.date.value;
      out.replaceChildren(el("p", { class: "loading" }, "Coding…"));
      try {
        const coded = await api("/api/code", { method: "POST", body: JSON.stringify(body),
          headers: { "Content-Type": "application/json", Accept: "application/json" } });
        out.replaceChildren(el("p", { class: "summary" }, `${coded.events.length} events, ${coded.claims.length} claims`),
          ...articleView(coded.article, coded.events, coded.claims, null));
      } catch (err) { out.replaceChildren(failure(err)); }
    });
  }

  async function mapPage() {
    const asked = new URLSearchParams(location.search);
    const params = new URLSearchParams();
    for (const k of ["actor", "recipient", "type", "since", "until"]) if (asked.get(k)) params.set(k, asked.get(k));
    if (asked.get("actor") && asked.get("recipient")) params.set("undirected", "true");
    const form = el("form", { class: "search map-filter", role: "search" },
      ["actor", "recipient", "type"].map(k => el("input", { type: "search", name: k, value: asked.get(k) || "",
        placeholder: k === "type" ? "PLOVER type, e.g. ASSAULT" : `${k} code, e.g. AFG`, "aria-label": k })),
      el("button", { type: "submit" }, "Show"));
    form.addEventListener("submit", ev => {
      ev.preventDefault();
      const next = new URLSearchParams();
      for (const k of ["actor", "recipient", "type"]) if (form[k].value.trim()) next.set(k, form[k].value.trim());
      location.search = next.toString();
    });
    const path = "/api/places?" + params.toString();
    const box = el("div", { class: "map-box" }, el("p", { class: "loading" }, "Loading…"));
    root.replaceChildren(el("h1", {}, "Where events happened"), form, section("Map", path, box));
    await placeMap(path, box);
  }

  /* Latest: the articles stored in the last day (what dotterel watch brought in), newest
     first, each with its events (linking to their dyad) and claims (linking to their thread). */
  async function latest() {
    const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 19) + "Z";
    const path = "/api/articles?limit=100&since=" + enc(since);
    const box = el("div", { class: "latest" }, el("p", { class: "loading" }, "Loading…"));
    root.replaceChildren(el("h1", {}, "Latest ", jsonLink(path)),
      el("p", { class: "muted note" }, "Articles stored in the last day, newest first."), box);
    try {
      const page = await api(path);
      box.replaceChildren(el("p", { class: "muted" }, `${page.total} articles since ${page.since.replace("T", " ").slice(0, 16)} UTC`),
        page.items.length ? el("ol", { class: "latest-list" }, page.items.map(latestItem))
          : el("p", { class: "muted" }, "Nothing stored in the last day."));
    } catch (err) { box.replaceChildren(failure(err)); }
  }

  function latestItem(a) {
    const meta = [a.source, a.date || "undated", "stored " + a.stored_at.replace("T", " ").slice(0, 16),
      a.url ? el("a", { href: a.url, rel: "noopener noreferrer" }, "original") : null]
      .filter(Boolean).flatMap((x, i) => (i ? [" · ", x] : [x]));
    const events = a.events.map(e => {
      const pair = e.actor && e.recipient && e.actor.code && e.recipient.code && e.actor.code !== e.recipient.code;
      const what = `${e.actor ? e.actor.code || e.actor.text : "?"} → ${e.recipient ? e.recipient.code || e.recipient.text : "—"}`;
      return el("li", { class: "event q" + e.quad_class },
        pair ? el("a", { class: "dyad", href: `/dyad/${enc(e.actor.code)}/${enc(e.recipient.code)}` }, what) : el("span", {}, what), " ",
        el("span", { class: "cameo", title: QUAD_NAMES[e.quad_class - 1] }, e.cameo), " ",
        el("span", { class: "plover" }, e.plover.type || ""), " ", sentenceWithTrigger(e));
    });
    const claims = a.claims.map(c => el("li", { class: "claim s-" + c.stance }, stanceBadge(c.stance), " ",
      c.speaker ? actorLabel(c.speaker) : el("span", { class: "muted" }, "unattributed"), " ",
      el("a", { class: "thread", href: "/claims/" + enc(c.id) }, c.content)));
    return el("li", { class: "latest-article", id: "a-" + a.id },
      el("h2", {}, articleLink(a)), el("p", { class: "meta" }, meta),
      events.length ? el("ul", { class: "latest-events" }, events) : null,
      claims.length ? el("ul", { class: "latest-claims" }, claims) : null,
      !events.length && !claims.length ? el("p", { class: "muted" }, "No events or claims.") : null);
  }

  const pages = { home, dyad, claim, article, code, map: mapPage, latest };
  (pages[root.dataset.page] || home)();
})();
