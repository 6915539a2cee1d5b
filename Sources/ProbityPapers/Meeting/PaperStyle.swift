/// The papers' stylesheet, inlined in every page so that the page needs nothing else.
/// On screen a readable column; in print A4 pages with the table headers repeated on every
/// page and no table row or list entry split across two pages.
///
/// It must hold in whichever font renders it: the font named first (Liberation Sans, Arial's
/// metrics) or a fallback about a tenth wider (DejaVu Sans, where neither is installed).
/// Date columns are sized in `ch`, the width of "0" in the font actually used: a date
/// dd/mm/yyyy is 9.0ch in Liberation Sans and 9.06ch in DejaVu Sans, and 1rem covers the cell's
/// padding and border on screen and in print. The other columns share what the dates leave, in
/// proportion: the organisation column holds its bold header in DejaVu Sans, and at A4 width no
/// word of the example register is broken in Liberation Sans, on screen or in print, nor in
/// DejaVu Sans in print. `scripts/browser-check.py` checks both fonts.
enum PaperStyle {
    static let css = """
    :root { color-scheme: light; }
    body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4;
           color: #111; background: #fff; margin: 0 auto; max-width: 62rem; padding: 1.5rem; }
    h1 { font-size: 1.55rem; margin: 0 0 .4rem; }
    h1 .date { font-weight: normal; }
    h2 { font-size: 1.25rem; margin: 1.8rem 0 .6rem; border-bottom: 2px solid #1d3f6e; padding-bottom: .2rem; color: #1d3f6e; }
    h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
    h4 { font-size: .95rem; margin: .8rem 0 .3rem; }
    p, li { overflow-wrap: break-word; }
    .meta { color: #333; }
    table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .4rem 0 1rem; }
    caption { text-align: left; font-style: italic; color: #333; padding-bottom: .3rem; }
    th, td { border: 1px solid #8a8a8a; padding: .25rem .4rem; vertical-align: top; text-align: left; overflow-wrap: break-word; }
    thead th { background: #e6edf5; overflow-wrap: normal; }
    tbody th { font-weight: bold; }
    td.none { color: #333; }
    td.day { white-space: nowrap; }
    td.votes { text-align: right; }
    col.name { width: 12.5%; } col.role { width: 15%; } col.organisation { width: 17%; }
    col.interest { width: 20%; } col.type { width: 13.5%; } col.day { width: calc(9.2ch + 1rem); }
    table.attendance { width: auto; min-width: 60%; table-layout: auto; }
    col.rule { width: 17%; } col.title { width: 33%; } col.source { width: 32%; } col.where { width: 18%; }
    code { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: .9em; overflow-wrap: anywhere; }
    q { quotes: "\\201C" "\\201D"; }
    .coi { border-left: 4px solid #1d3f6e; padding: .1rem 0 .1rem .8rem; margin: .4rem 0; }
    .recusals > li { margin-bottom: .4rem; }
    .recusals > li.exclude > strong, .recusals > li.no-vote > strong { color: #8b1a1a; }
    .ended { color: #555; }
    a { color: #1d3f6e; }
    a.note { font-size: .85em; white-space: nowrap; }
    @page { size: A4; margin: 14mm 12mm 16mm; }
    @media print {
      body { max-width: none; padding: 0; font-size: 9.5pt; }
      table { font-size: 9pt; }
      th, td { padding: .2rem .3rem; }
      thead { display: table-header-group; }
      tr, li { break-inside: avoid; page-break-inside: avoid; }
      h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
      a { color: inherit; text-decoration: none; }
    }

    """
}
