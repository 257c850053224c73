"""The `complint audit --html` report: one self-contained HTML file (inline CSS and SVG charts, no
JavaScript, no fonts or images fetched), so it opens offline and can be mailed as an attachment.

Charts: findings per category (horizontal bars), findings and flagged messages per month (columns),
top rules (horizontal bars); tables: per channel, worst templates, one example per rule.
"""
from __future__ import annotations

from html import escape

from .. import __version__

_PALETTE = ["#c0392b", "#d35400", "#f39c12", "#16a085", "#2980b9", "#8e44ad", "#2c3e50", "#7f8c8d", "#27ae60", "#e84393"]


def _hbar_chart(chart_id: str, title: str, rows: list[tuple[str, int]], width: int = 720) -> str:
    bar_h, gap, label_w = 22, 6, 270
    rows = rows or [("(none)", 0)]
    peak = max((n for _, n in rows), default=0) or 1
    height = len(rows) * (bar_h + gap) + 10
    parts = [f'<svg id="{chart_id}" class="chart hbar" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             f"<title>{escape(title)}</title>"]
    for i, (label, n) in enumerate(rows):
        y = 5 + i * (bar_h + gap)
        w = int((width - label_w - 90) * n / peak)
        color = _PALETTE[i % len(_PALETTE)]
        parts.append(f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" class="lbl">{escape(str(label)[:34])}</text>')
        parts.append(f'<rect class="bar" x="{label_w}" y="{y}" width="{max(w, 1 if n else 0)}" height="{bar_h}" fill="{color}" rx="3">'
                     f"<title>{escape(str(label))}: {n:,}</title></rect>")
        parts.append(f'<text x="{label_w + w + 6}" y="{y + bar_h * 0.7:.1f}" class="val">{n:,}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _month_chart(chart_id: str, months: list[dict], width: int = 720, height: int = 260) -> str:
    months = months or [{"month": "(none)", "messages": 0, "flagged": 0, "findings": 0}]
    pad_l, pad_b, pad_t = 50, 40, 20
    peak = max(max(m["findings"], m["flagged"]) for m in months) or 1
    slot = (width - pad_l - 10) / len(months)
    bw = max(2.0, slot * 0.38)
    plot_h = height - pad_b - pad_t
    parts = [f'<svg id="{chart_id}" class="chart columns" role="img" aria-label="Findings per month" '
             f'xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             "<title>Findings and flagged messages per month</title>",
             f'<line x1="{pad_l}" y1="{height - pad_b}" x2="{width - 5}" y2="{height - pad_b}" class="axis"/>',
             f'<text x="{pad_l - 6}" y="{pad_t + 4}" text-anchor="end" class="val">{peak:,}</text>',
             f'<text x="{pad_l - 6}" y="{height - pad_b}" text-anchor="end" class="val">0</text>']
    for i, m in enumerate(months):
        x = pad_l + i * slot + slot * 0.1
        for j, (key, color) in enumerate((("findings", "#c0392b"), ("flagged", "#2980b9"))):
            h = plot_h * m[key] / peak
            parts.append(f'<rect class="bar {key}" x="{x + j * bw:.1f}" y="{height - pad_b - h:.1f}" width="{bw:.1f}" '
                         f'height="{h:.1f}" fill="{color}"><title>{escape(m["month"])}: {m[key]:,} {key}</title></rect>')
        parts.append(f'<text x="{x + bw:.1f}" y="{height - pad_b + 16}" text-anchor="middle" class="lbl small">{escape(m["month"])}</text>')
    parts.append(f'<g class="legend"><rect x="{width - 210}" y="4" width="10" height="10" fill="#c0392b"/>'
                 f'<text x="{width - 195}" y="13" class="lbl small">findings</text>'
                 f'<rect x="{width - 120}" y="4" width="10" height="10" fill="#2980b9"/>'
                 f'<text x="{width - 105}" y="13" class="lbl small">flagged messages</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _table(table_id: str, header: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(f'{c:,}' if isinstance(c, int) else str(c))}</td>" for c in row) + "</tr>"
                   for row in rows) or f'<tr><td colspan="{len(header)}">none</td></tr>'
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


_CSS = """
body{font:14px/1.45 -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 16px}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.kpis{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.kpi{background:#f5f6f8;border-radius:8px;padding:10px 14px;min-width:140px}
.kpi b{display:block;font-size:20px} .kpi span{color:#666;font-size:12px}
svg.chart{max-width:100%;height:auto;background:#fff} svg .lbl{font-size:12px;fill:#333} svg .small{font-size:10px}
svg .val{font-size:11px;fill:#555} svg .axis{stroke:#999}
table{border-collapse:collapse;width:100%;font-size:13px} th,td{border-bottom:1px solid #eee;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#fafafa} td:nth-child(n+2){font-variant-numeric:tabular-nums}
.muted{color:#777;font-size:12px}
"""


def render_html(summary: dict) -> str:
    m, flagged, findings = summary["messages"], summary["flagged_messages"], summary["findings"]
    sev = summary.get("by_severity", {})
    cats = sorted(summary["by_category"].items(), key=lambda kv: (-kv[1], kv[0]))
    rules = summary["by_rule"]
    kpis = [("messages", f"{m:,}"), ("flagged messages", f"{flagged:,} ({(flagged / m * 100) if m else 0:.1f}%)"),
            ("findings", f"{findings:,}"), ("errors", f"{sev.get('error', 0):,}"), ("warnings", f"{sev.get('warning', 0):,}")]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>complint audit — {escape(str(summary.get('archive', '')))}</title>",
           f"<style>{_CSS}</style></head><body>",
           f"<h1>complint audit</h1><div class=\"muted\">{escape(str(summary.get('archive', '')))} · complint {__version__}"
           f" · {summary.get('elapsed_s', 0)} s</div>",
           '<div class="kpis" id="kpis">' + "".join(f'<div class="kpi"><b>{v}</b><span>{escape(k)}</span></div>' for k, v in kpis) + "</div>",
           "<h2>Findings per category</h2>", _hbar_chart("chart-categories", "Findings per category", cats),
           "<h2>Per month</h2>", _month_chart("chart-months", summary["by_month"]),
           "<h2>Top rules</h2>", _hbar_chart("chart-rules", "Top rules", [(r["rule"], r["count"]) for r in rules[:15]]),
           "<h2>Per channel</h2>",
           _table("table-channels", ["channel", "messages", "flagged", "findings"],
                  [[c["channel"], c["messages"], c["flagged"], c["findings"]] for c in summary.get("by_channel", [])]),
           "<h2>Worst templates</h2>",
           _table("table-templates", ["template", "findings", "flagged", "messages"],
                  [[t["template"], t["findings"], t["flagged"], t["messages"]] for t in summary["worst_templates"][:20]]),
           "<h2>Rules, with an example each</h2>",
           _table("table-rules", ["rule", "category", "severity", "count", "example (message id: text)"],
                  [[r["rule"], r["category"], r["severity"], r["count"], f"{r['example_id']}: {r['example']}"] for r in rules]),
           "</body></html>"]
    return "\n".join(out) + "\n"
