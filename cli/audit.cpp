// villagecast audit: reading, exporting, verifying and backing up the as-run log, and the
// monthly broadcast record.

#include <iostream>

#include "asrun/airings.hpp"
#include "asrun/backup.hpp"
#include "asrun/export_format.hpp"
#include "asrun/log_store.hpp"
#include "asrun/report.hpp"
#include "asrun/report_format.hpp"
#include "asrun/verify.hpp"
#include "cli/commands.hpp"
#include "station/schedule_wiring.hpp"

namespace vc::cli {

namespace {

const date::time_zone* zone_for(const std::filesystem::path& station_dir) {
    try {
        return station::station_zone(station::load_station(station_dir));
    } catch (const std::exception&) {
        return date::locate_zone("Asia/Shanghai");  // reading another log away from its station
    }
}

std::filesystem::path log_path(const Parsed& parsed) {
    if (parsed.values.count("audit") != 0) return parsed.values["audit"].as<std::string>();
    return asrun::LogStore::path_in_station(parsed.station);
}

bool given(const Parsed& parsed, const char* option) {
    return parsed.values.count(option) != 0;
}

asrun::LogStore open_existing_log(const Parsed& parsed) {
    auto path = log_path(parsed);
    if (!std::filesystem::exists(path))
        throw UserError("no as-run log at " + path.string() +
                        " yet: it is written by `villagecast run` (or name one with --audit FILE)");
    return asrun::LogStore::open(path, asrun::Access::read_only);
}

/// The days `audit report` covers: --month, or --from and --to (inclusive), in `zone`.
asrun::ReportPeriod report_period(const Parsed& parsed, const date::time_zone* zone) {
    if (given(parsed, "month")) {
        if (given(parsed, "from") || given(parsed, "to"))
            throw UsageError("audit report: give either --month or --from and --to, not both");
        auto text = parsed.values["month"].as<std::string>();
        auto month = asrun::parse_month(text);
        if (!month)
            throw UsageError("audit report: --month wants a month like 2026-12, not '" + text +
                             "'");
        return asrun::month_period(*month, zone);
    }
    if (!given(parsed, "from") || !given(parsed, "to"))
        throw UsageError(
            "audit report: name the period with --month YYYY-MM, or --from DATE --to DATE");
    auto first = parse_date_option(parsed.values["from"].as<std::string>(), "--from");
    auto last = parse_date_option(parsed.values["to"].as<std::string>(), "--to");
    if (last < first) throw UsageError("audit report: --to comes before --from");
    return asrun::day_period(first, last, zone);
}

int report(const Parsed& parsed) {
    if (given(parsed, "file"))
        throw UsageError("audit report: unexpected '" + parsed.values["file"].as<std::string>() +
                         "' (the output goes to standard output: add > FILE)");
    for (const char* option : {"status", "events", "broadcast", "head"})
        if (given(parsed, option))
            throw UsageError(std::string("audit report: --") + option +
                             " does not apply to the record");
    std::string fmt_text =
        given(parsed, "format") ? parsed.values["format"].as<std::string>() : std::string("table");
    auto format = asrun::parse_report_format(fmt_text);
    if (!format) throw UsageError("audit report: --format must be table, csv or html");

    const date::time_zone* zone = nullptr;
    std::string station_name;
    try {
        auto station = station::load_station(parsed.station);
        zone = station::station_zone(station);
        station_name = station.name;
    } catch (const std::exception& e) {
        zone = date::locate_zone("Asia/Shanghai");
        std::cerr << "warning: cannot read the station in " << parsed.station.string() << " ("
                  << e.what() << "): times are in Asia/Shanghai and the record names no station"
                  << '\n';
    }
    auto period = report_period(parsed, zone);

    auto log = open_existing_log(parsed);
    // The record anchors the chain, so it is only made from a log whose chain holds, and only
    // from the rows that were verified (the daemon may append meanwhile).
    auto checked = asrun::verify(log);
    if (!checked.ok) {
        std::cerr << checked.summary() << '\n';
        throw UserError(
            "no record made: the as-run log does not verify (see `villagecast audit verify`)");
    }
    asrun::Head head{checked.rows, checked.head_seq, checked.head_hash};
    auto rows = asrun::join_airings(log.read(1, head.seq));
    auto record = asrun::build_report(rows, period, head);
    std::cout << asrun::format_report(record, *format, station_name);
    if (*format != asrun::ReportFormat::table) std::cerr << asrun::format_head_line(head) << '\n';
    return exit_ok;
}

int list_or_export(const Parsed& parsed, const std::string& sub) {
    const auto* zone = zone_for(parsed.station);
    std::string fmt_text = parsed.values.count("format") != 0
                               ? parsed.values["format"].as<std::string>()
                               : (sub == "export" ? "csv" : "table");
    auto format = asrun::parse_export_format(fmt_text);
    if (!format) throw UsageError("audit: --format must be table, csv or json");
    auto log = open_existing_log(parsed);
    auto head = log.head();

    std::optional<Instant> from, to;
    if (parsed.values.count("from") != 0)
        from = station::local_midnight(
            parse_date_option(parsed.values["from"].as<std::string>(), "--from"), zone);
    if (parsed.values.count("to") != 0)  // inclusive day: up to the next midnight
        to = station::local_midnight(
            parse_date_option(parsed.values["to"].as<std::string>(), "--to") + date::days(1), zone);
    std::optional<std::string> broadcast;
    if (parsed.values.count("broadcast") != 0)
        broadcast = parsed.values["broadcast"].as<std::string>();

    if (parsed.values.count("events") != 0) {
        asrun::EventFilter f;
        f.from = from;
        f.to = to;
        f.broadcast = broadcast;
        std::cout << asrun::format_events(asrun::list_events(log, f), *format, zone, head);
    } else {
        asrun::AiringFilter f;
        f.from = from;
        f.to = to;
        f.broadcast = broadcast;
        if (parsed.values.count("status") != 0) {
            auto s = asrun::parse_airing_status(parsed.values["status"].as<std::string>());
            if (!s)
                throw UsageError("audit: --status must be " +
                                 std::string(asrun::airing_status_help));
            f.statuses.push_back(*s);
        }
        std::cout << asrun::format_airings(asrun::list_airings(log, f), *format, zone, head);
    }
    if (*format != asrun::ExportFormat::table) std::cerr << asrun::format_head_line(head) << '\n';
    return exit_ok;
}

}  // namespace

int run_audit(const Args& args) {
    CommandLine line{
        "audit", "list|export|verify|report|backup [OPTIONS]",
        "Reads the as-run log (state/audit.db, or --audit FILE):\n"
        "  list     airings and missed occurrences as a table (default)\n"
        "  export   the same as CSV (opens in Excel with Chinese text) or JSON\n"
        "  verify   checks the hash chain; with --head HASH, that the log still holds\n"
        "           the chain that ended at HASH (a head printed earlier); exit 1 if not\n"
        "  report   the broadcast record (台账) of --month YYYY-MM or --from/--to: per\n"
        "           broadcast, occurrences scheduled, aired on time (within 1 s), late,\n"
        "           interrupted, partial, missed, failed and the air time; every manual\n"
        "           airing; the head hash. --format table, csv or html (an A4 page in\n"
        "           Chinese to print, sign and file)\n"
        "  backup FILE  copies the live log safely and verifies the copy\n"
        "Every listing ends with the log's row count and head hash: keep it (print it,\n"
        "file it) so that a later `verify --head` can prove no row was cut off."};
    line.options.add_options()("action", po::value<std::string>()->default_value("list"),
                               "list, export, verify, report or backup")(
        "file", po::value<std::string>(), "backup: where to write the copy")(
        "audit", po::value<std::string>()->value_name("FILE"), "read this log instead")(
        "from", po::value<std::string>()->value_name("DATE"), "first day (YYYY-MM-DD)")(
        "to", po::value<std::string>()->value_name("DATE"), "last day, inclusive")(
        "month", po::value<std::string>()->value_name("YYYY-MM"), "report: this month")(
        "status", po::value<std::string>(), "only this status (aired, interrupted, missed, ...)")(
        "broadcast", po::value<std::string>()->value_name("ID"), "only this broadcast")(
        "format", po::value<std::string>(), "table, csv or json (report: table, csv or html)")(
        "events", "list the raw events instead of airings")(
        "head", po::value<std::string>()->value_name("HASH"), "verify: the head hash to find");
    line.positional.add("action", 1).add("file", 1);
    line.examples =
        "  villagecast audit list --from 2026-12-01 --to 2026-12-31\n"
        "  villagecast audit export --format csv > 2026-12.csv\n"
        "  villagecast audit verify --head 9f2c...\n"
        "  villagecast audit report --month 2026-12 --format html > 台账-2026-12.html\n"
        "  villagecast audit backup /media/usb/audit-2026-12.db\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    auto sub = parsed.values["action"].as<std::string>();
    if (sub == "report") return report(parsed);
    if (given(parsed, "month")) throw UsageError("audit: --month is for `audit report`");

    if (sub == "list" || sub == "export") return list_or_export(parsed, sub);
    if (sub == "verify") {
        auto log = asrun::LogStore::open(log_path(parsed), asrun::Access::read_only);
        std::optional<std::string> head;
        if (parsed.values.count("head") != 0) head = parsed.values["head"].as<std::string>();
        auto result = head ? asrun::verify(log, std::string_view(*head)) : asrun::verify(log);
        std::cout << result.summary() << '\n';
        return result.ok ? exit_ok : exit_problem;
    }
    if (sub == "backup") {
        if (parsed.values.count("file") == 0)
            throw UsageError("audit backup: name the FILE to write");
        auto log = asrun::LogStore::open(log_path(parsed), asrun::Access::read_only);
        auto result = asrun::backup(log, parsed.values["file"].as<std::string>());
        std::cout << "backed up to " << parsed.values["file"].as<std::string>() << ": "
                  << result.summary() << '\n';
        return result.ok ? exit_ok : exit_problem;
    }
    throw UsageError("audit: unknown action '" + sub +
                     "' (list, export, verify, report or backup)");
}

}  // namespace vc::cli
