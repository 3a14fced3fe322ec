// villagecast operator: the people who may use the console and the control commands.

#include <chrono>
#include <iostream>

#include <date/date.h>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "control/operator_store.hpp"
#include "core/diagnostic.hpp"

namespace vc::cli {

int run_operator(const Args& args) {
    CommandLine line{
        "operator", "add NAME --role viewer|operator|admin | list | remove NAME",
        "Manages who may use the township office console and the control commands\n"
        "(status, broadcast, stop, reload). `add` prints the new operator's token once:\n"
        "give it to them; only its SHA-256 is kept, in state/operators.toml (mode 0600).\n"
        "A lost token is replaced by removing and adding the operator again. A running\n"
        "daemon takes changes at once.\n"
        "  viewer    sees what airs, the plan, the as-run log and the library\n"
        "  operator  also airs, schedules one-shots, stops, reloads and uploads clips\n"
        "  admin     also airs at emergency priority and replaces or deletes clips"};
    line.options.add_options()("action", po::value<std::string>(), "add, list or remove")(
        "name", po::value<std::string>(), "the operator's name")("role", po::value<std::string>(),
                                                                 "add: viewer, operator or admin")(
        "format", po::value<std::string>()->default_value("table"), "list: table, csv or json");
    line.positional.add("action", 1).add("name", 1);
    line.examples =
        "  villagecast operator add 王芳 --role operator\n"
        "  villagecast operator list\n"
        "  villagecast operator remove 王芳\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    if (parsed.values.count("action") == 0)
        throw UsageError("operator: say add, list or remove (see villagecast operator --help)");
    auto action = parsed.values["action"].as<std::string>();
    auto file = control::OperatorStore::path_in_station(parsed.station);
    if (!std::filesystem::exists(parsed.station / "station.toml"))
        throw UserError(parsed.station.string() +
                        " is not a station folder: station.toml is missing; use --station DIR");
    auto store = control::OperatorStore::load(file);
    if (action == "list") {
        auto format = parse_format(parsed.values["format"].as<std::string>(), "operator");
        Table table{{"name", "role", "added"}, {}, {}};
        for (const auto& op : store.operators())
            table.rows.push_back({op.name, std::string(control::to_string(op.role)), op.added});
        print_table(std::cout, table, format);
        return exit_ok;
    }
    if (parsed.values.count("name") == 0)
        throw UsageError("operator " + action + ": name the operator");
    auto name = parsed.values["name"].as<std::string>();
    if (action == "add") {
        if (parsed.values.count("role") == 0)
            throw UsageError("operator add: give --role viewer, operator or admin");
        auto role = control::parse_role(parsed.values["role"].as<std::string>());
        if (!role) throw UsageError("operator add: --role must be viewer, operator or admin");
        auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        auto token = store.add(name, *role, date::format("%FT%TZ", now));
        store.save();
        std::cerr << "added " << name << " as " << control::to_string(*role)
                  << "; their token (shown only now, keep it safe):\n";
        std::cout << token << '\n';
        return exit_ok;
    }
    if (action == "remove") {
        if (!store.remove(name)) throw UserError("operator remove: there is no operator " + name);
        store.save();
        std::cout << "removed " << name << "; their token no longer works\n";
        return exit_ok;
    }
    throw UsageError("operator: unknown action '" + action + "' (add, list or remove)");
}

}  // namespace vc::cli
