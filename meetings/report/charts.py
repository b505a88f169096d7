"""The report's charts, drawn with ReportLab's own graphics: the same drawing goes into the PDF and, as
SVG, onto the secretariat's page (served as an image, with a data table beside it).

Text in a chart is in the document's language: Arabic is shaped and ordered for the PDF (an SVG keeps it
in logical order, the browser lays it out), Chinese is set in the CJK font.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from meetings.exports import pdf as pdfkit
from meetings.i18n.words import _, shown
from meetings.report.figures import APPLICATION_STATUSES, Figures, TimeUse

_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
# Dark and light, told apart in black and white too.
INK = [colors.Color(0.12, 0.30, 0.55), colors.Color(0.72, 0.80, 0.90), colors.Color(0.80, 0.45, 0.10),
       colors.Color(0.55, 0.55, 0.55)]  # fmt: skip
WIDTH, HEIGHT = 500, 260


@dataclass
class Chart:
    """One chart: its title, the drawing, and the same numbers as a table (header, rows)."""

    key: str
    title: str
    draw: Callable[[bool], Drawing]  # for_pdf → the drawing
    header: list[str]
    rows: list[list[str]]


def _font(texts: list[str]) -> str:
    pdfkit.register_fonts()
    if pdfkit.cjk_available and any(_CJK.search(str(t)) for t in texts):
        return pdfkit.CJK
    return pdfkit.BASE


def _text(text: str, for_pdf: bool) -> str:
    return pdfkit.visual(text) if for_pdf else text


def _minutes(seconds: int) -> float:
    return round(seconds / 60, 1)


def _mmss(seconds: int) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


def _frame(title: str, legend: list[str], for_pdf: bool) -> tuple[Drawing, str]:
    font = _font([title, *legend])
    d = Drawing(WIDTH, HEIGHT)
    d.add(String(WIDTH / 2, HEIGHT - 14, _text(title, for_pdf), fontName=font, fontSize=10, textAnchor="middle"))
    if legend:
        key = Legend()
        key.x, key.y, key.fontName, key.fontSize = 350, HEIGHT - 40, font, 8
        key.alignment, key.columnMaximum, key.dx, key.dy = "right", 4, 8, 8
        key.colorNamePairs = [(INK[i], _text(name, for_pdf)) for i, name in enumerate(legend)]
        d.add(key)
    return d, font


def _bars(title: str, categories: list[str], series: list[list[float]], legend: list[str], for_pdf: bool,
          stacked: bool = False) -> Drawing:  # fmt: skip
    d, font = _frame(title, legend, for_pdf)
    font = _font([title, *legend, *categories])
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 80, 105, 250 if legend else 400, HEIGHT - 135
    chart.data = [list(s) or [0] for s in series] if categories else [[0]]
    chart.categoryAxis.categoryNames = [_text(c, for_pdf) for c in categories] or [""]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 7
    chart.categoryAxis.labels.angle, chart.categoryAxis.labels.boxAnchor = 30, "ne"
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = pdfkit.BASE, 7
    chart.valueAxis.valueMin = 0
    top = max((sum(col) if stacked else max(col) for col in zip(*chart.data, strict=True)), default=0)
    chart.valueAxis.valueMax = max(1, top * 1.15)
    chart.valueAxis.forceZero = 1
    if stacked:
        chart.categoryAxis.style = "stacked"
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = INK[i % len(INK)]
        chart.bars[i].strokeColor = colors.black
        chart.bars[i].strokeWidth = 0.3
    d.add(chart)
    return d


def _line(title: str, categories: list[str], values: list[int], legend: str, for_pdf: bool) -> Drawing:
    d, font = _frame(title, [legend], for_pdf)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 80, 105, 250, HEIGHT - 135
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = [_text(c, for_pdf) for c in categories] or [""]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 7
    chart.categoryAxis.labels.angle, chart.categoryAxis.labels.boxAnchor = 30, "ne"
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = pdfkit.BASE, 7
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, max(1, max(values or [0]) * 1.15)
    chart.lines[0].strokeColor, chart.lines[0].strokeWidth = INK[0], 1.5
    d.add(chart)
    return d


def _time_chart(key: str, title: str, uses: list[TimeUse], name: Callable[[str], str]) -> Chart:
    legend = [_("Allotted (minutes)"), _("Used (minutes)")]
    names = [str(name(u.key)) for u in uses]
    allotted = [_minutes(u.allotted_s) for u in uses]
    used = [_minutes(u.used_s) for u in uses]
    rows = [[n, str(u.speeches), _mmss(u.allotted_s), _mmss(u.used_s)] for n, u in zip(names, uses, strict=True)]
    header = [_("Category"), _("Speeches"), _("Allotted (m:ss)"), _("Used (m:ss)")]
    return Chart(key, title, lambda for_pdf: _bars(title, names, [allotted, used], legend, for_pdf), header, rows)


def charts(figures: Figures, group_name: Callable[[str], str], level_name: Callable[[str], str],
           meeting_name: Callable[[object], str]) -> list[Chart]:  # fmt: skip
    """The report's charts in the document's language, given how to name a group, a level and a meeting."""
    out = [
        _time_chart("groups", _("Speaking time per regional group: allotted and used"), figures.by_group, group_name),
        _time_chart("levels", _("Speaking time per protocol level: allotted and used"), figures.by_level, level_name),
    ]
    meetings = [meeting_name(m.block) for m in figures.meetings]
    planned, delivered = [m.planned for m in figures.meetings], [m.delivered for m in figures.meetings]
    title = _("Speakers per meeting: planned and heard")
    legend = [_("Planned"), _("Heard")]
    out.append(Chart("speakers", title, lambda p: _bars(title, meetings, [planned, delivered], legend, p),
                     [_("Meeting"), _("Planned"), _("Heard")],
                     [[n, str(a), str(b)] for n, a, b in zip(meetings, planned, delivered, strict=True)]))  # fmt: skip
    over = [m.overruns for m in figures.meetings]
    title_over = _("Speeches over the limit per meeting")
    out.append(Chart("overruns", title_over, lambda p: _bars(title_over, meetings, [over], [], p),
                     [_("Meeting"), _("Over the limit"), _("Time over the limit (m:ss)")],
                     [[n, str(m.overruns), _mmss(m.overrun_s)] for n, m in zip(meetings, figures.meetings,
                                                                              strict=True)]))  # fmt: skip
    days = [shown(a.day, "%d %b") for a in figures.applications]
    statuses = [str(s.label) for s in APPLICATION_STATUSES]
    series = [[a.counts[s.value] for a in figures.applications] for s in APPLICATION_STATUSES]
    title_apps = _("High-level side-event applications received per day, by status")
    out.append(Chart("applications", title_apps, lambda p: _bars(title_apps, days, series, statuses, p, stacked=True),
                     [_("Day"), *statuses, _("Received in all, to date")],
                     [[d, *(str(s[i]) for s in series), str(a.cumulative)]
                      for i, (d, a) in enumerate(zip(days, figures.applications, strict=True))]))  # fmt: skip
    cumulative = [a.cumulative for a in figures.applications]
    title_sum = _("High-level side-event applications received, in all to date")
    out.append(Chart("cumulative", title_sum, lambda p: _line(title_sum, days, cumulative, _("In all, to date"), p),
                     [_("Day"), _("Received in all, to date")],
                     [[d, str(c)] for d, c in zip(days, cumulative, strict=True)]))  # fmt: skip
    return out


def svg(chart: Chart) -> bytes:
    """The chart as an SVG document (text in logical order: the browser lays out right-to-left scripts)."""
    return renderSVG.drawToString(chart.draw(False)).encode("utf-8")
