// The monthly broadcast record as one printable A4 page in Chinese, to sign and file.

#include <array>
#include <utility>

#include "asrun/report_format.hpp"

namespace vc::asrun {

namespace {

constexpr std::string_view style = R"(
@page { size: A4; margin: 15mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #000; background: #fff; font-size: 10pt; line-height: 1.4;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif; }
@media screen { body { width: 180mm; margin: 10mm auto; } }
h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; }
p.period { text-align: center; margin: 0 0 5mm; }
h2 { font-size: 11pt; margin: 5mm 0 2mm; }
table.data { width: 100%; border-collapse: collapse; margin: 0 0 2mm; page-break-inside: auto; }
table.data tr { page-break-inside: avoid; }
table.data th, table.data td { border: 0.5pt solid #000; padding: 0.8mm 1.5mm; vertical-align: top; }
table.data th { background: #e8e8e8; font-weight: bold; text-align: center; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; }
p.note { font-size: 8.5pt; margin: 0 0 1mm; }
code.hash { font-family: "DejaVu Sans Mono", "Consolas", monospace; font-size: 9pt; word-break: break-all; }
table.sign { width: 100%; margin-top: 14mm; border-collapse: collapse; }
table.sign td { width: 33%; padding: 0 2mm; white-space: nowrap; }
table.sign span { display: inline-block; width: 32mm; border-bottom: 0.5pt solid #000; }
)";

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> priority_names{{
    {"emergency", "紧急"},
    {"urgent", "加急"},
    {"notice", "通知"},
    {"routine", "常规"},
    {"background", "背景"},
}};

std::string status_name(AiringStatus s) {
    switch (s) {
        case AiringStatus::aired:
            return "已播出";
        case AiringStatus::interrupted:
            return "中断";
        case AiringStatus::partial:
            return "部分播出";
        case AiringStatus::failed:
            return "失败";
        case AiringStatus::missed:
            return "漏播";
        case AiringStatus::airing:
            return "播出中";
    }
    return "";
}

std::string priority_name(std::string_view priority) {
    for (const auto& [en, zh] : priority_names)
        if (en == priority) return std::string(zh);
    return html_escape(priority);
}

std::string cell(std::string_view html, bool number = false) {
    return std::string(number ? "<td class=\"n\">" : "<td>") + std::string(html) + "</td>";
}

std::string counts_row(const BroadcastCounts& c, const std::string& name, bool total) {
    std::string r = total ? "<tr class=\"total\">" : "<tr>";
    r += cell(name);
    for (std::int64_t v :
         {c.scheduled, c.on_time, c.late, c.interrupted, c.partial, c.missed, c.failed})
        r += cell(std::to_string(v), true);
    r += cell(format_air_time(c.air_time), true);
    return r + "</tr>\n";
}

}  // namespace

std::string format_report_html(const MonthlyReport& report, std::string_view station) {
    const ReportPeriod& p = report.period;
    const std::string name = html_escape(station);
    const std::string zone = html_escape(p.zone ? p.zone->name() : "UTC");
    const std::string days = format_day(p.first_day) + " 至 " + format_day(p.last_day);

    std::string h = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<title>" + name + " 广播播出台账 " + days + "</title>\n";
    h += "<style>" + std::string(style) + "</style>\n</head>\n<body>\n";
    h += "<h1>" + name + " 广播播出台账</h1>\n";
    h += "<p class=\"period\">统计时段：" + days + "（" + zone + " 时间）</p>\n";

    h += "<h2>一、定时广播</h2>\n<table class=\"data\">\n<thead><tr><th>广播</th><th>应播</th>"
         "<th>准时播出</th><th>迟播</th><th>中断</th><th>部分播出</th><th>漏播</th><th>失败</th>"
         "<th>播出时长</th></tr></thead>\n<tbody>\n";
    for (const auto& c : report.broadcasts) h += counts_row(c, html_escape(c.broadcast), false);
    h += counts_row(report.total, "合计", true);
    h += "</tbody>\n</table>\n";
    if (!report.zones.empty()) {
        h +=
            "<h3>各村</h3>\n<table class=\"data\">\n<thead><tr><th>村</th><th>应播</th>"
            "<th>准时播出</th><th>迟播</th><th>中断</th><th>部分播出</th><th>漏播</th><th>失败</th>"
            "<th>播出时长</th></tr></thead>\n<tbody>\n";
        for (const auto& c : report.zones) h += counts_row(c, html_escape(c.broadcast), false);
        h += "</tbody>\n</table>\n";
    }
    h += "<p "
         "class=\"note\">"
         "应播：本时段内预定播出且日志中已有最终结果的次数，每次按最终结果只计一次（分村播出的，每"
         "村各计一次）"
         "（中断后完整重播的计为迟播）。准时：首个采样到达输出的时间与预定时间相差不超过 " +
         std::to_string(on_time_tolerance.count() / 1000) +
         " 秒。播出时长：各次播出（含被中断的部分）实际播出时间之和，时:分:秒。</p>\n";
    if (report.total.open > 0)
        h += "<p class=\"note\">另有 " + std::to_string(report.total.open) +
             " 次尚无最终结果（正在播出或等待重播），未计入上表。</p>\n";

    if (!report.reception.empty()) {
        h += "<h3>各村接收终端（Snapcast）</h3>\n<table class=\"data\">\n<thead><tr><th>时间</th>"
             "<th>村</th><th>节目</th><th>结果</th><th>收听终端</th><th>未全程收听</th></tr>"
             "</thead>\n<tbody>\n";
        for (const auto& r : report.reception)
            h += "<tr>" + cell(format_report_time(r.time, p.zone), true) +
                 cell(html_escape(r.village)) + cell(html_escape(r.broadcast)) +
                 cell(status_name(r.status)) +
                 cell(r.known ? std::to_string(r.heard) + " / " + std::to_string(r.of) : "未知",
                      true) +
                 cell(html_escape(format_missing(r, p.zone))) + "</tr>\n";
        h += "</tbody>\n</table>\n<p class=\"note\">收听终端：该村 Snapcast 流上从首个采样到末个"
             "采样一直在线的接收端数 / 该流上的接收端总数。</p>\n";
    }

    h += "<h2>二、人工播出</h2>\n";
    if (report.manual.empty()) {
        h += "<p>本时段无人工播出。</p>\n";
    } else {
        h += "<table class=\"data\">\n<thead><tr><th>时间</th><th>操作员</th><th>节目单/音频</th>"
             "<th>优先级</th><th>结果</th><th>时长</th><th>说明</th></tr></thead>\n<tbody>\n";
        for (const auto& m : report.manual) {
            h += "<tr>" + cell(format_report_time(m.time, p.zone), true) +
                 cell(html_escape(m.operator_name)) + cell(html_escape(what_aired(m))) +
                 cell(priority_name(m.priority)) + cell(status_name(m.status)) +
                 cell(format_air_time(m.air_time), true) + cell(html_escape(m.reason)) + "</tr>\n";
        }
        h += "</tbody>\n</table>\n";
    }

    h += "<h2>三、播出日志</h2>\n";
    h += "<p>制表时播出日志共 " + std::to_string(report.head.rows) +
         " 行，末行哈希（head hash）：<br><code class=\"hash\">" + html_escape(report.head.hash) +
         "</code></p>\n";
    h += "<p class=\"note\">请妥善保存本表。日后运行 <code>villagecast audit verify --head "
         "末行哈希</code>，可证明播出日志仍完整保留制表时的全部记录，未被删改。</p>\n";

    h += "<table class=\"sign\"><tr><td>制表人：<span></span></td><td>审核人：<span></span></td>"
         "<td>日期：<span></span></td></tr></table>\n";
    h += "</body>\n</html>\n";
    return h;
}

}  // namespace vc::asrun
