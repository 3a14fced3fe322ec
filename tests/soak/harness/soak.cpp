#include "tests/soak/harness/soak.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "app/simulated_run.hpp"
#include "asrun/asrun_writer.hpp"
#include "asrun/log_store.hpp"
#include "engine/service.hpp"
#include "engine/simulated_chain.hpp"
#include "scheduler/local_time.hpp"
#include "station/schedule_wiring.hpp"
#include "station/station.hpp"
#include "station/station_state.hpp"
#include "tests/soak/harness/soak_plan.hpp"

namespace vc::soak {

namespace {

/// Lines a child appends for the parent (accepted manual ids, what each action did), each
/// synced before the child goes on, so that a kill a moment later cannot take it back.
class Journal {
  public:
    explicit Journal(const std::filesystem::path& file)
        : fd_(::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) {
        if (fd_ < 0)
            throw std::runtime_error("cannot write " + file.string() + ": " + strerror(errno));
    }
    ~Journal() { ::close(fd_); }
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;
    void line(const std::string& text) {
        const std::string l = text + "\n";
        if (::write(fd_, l.data(), l.size()) != static_cast<ssize_t>(l.size()) || ::fsync(fd_) != 0)
            throw std::runtime_error(std::string("cannot write the soak's journal: ") +
                                     strerror(errno));
    }

  private:
    int fd_;
};

bool all_taken(const asrun::Reload& r) {
    for (const auto& f : r.files)
        if (!f.taken) return false;
    return true;
}

/// One daemon start, in a child process: the daemon's parts wired as `villagecast run
/// --simulate` wires them, started on the log the previous start left (its recovery runs),
/// the actions carried out at their instants, then SIGKILL at the segment's end (the last
/// segment stops cleanly instead).
int run_segment(const SoakStation& st, const Segment& seg,
                const std::filesystem::path& journal_file) {
    Journal journal(journal_file);
    const auto* zone = station::station_zone(station::load_station(st.root));
    ManualClock clock(seg.begin);
    station::StationState station(st.root, scheduler::local_date_of(*zone, seg.begin));
    asrun::AsrunWriter audit(asrun::LogStore::path_in_station(st.root), clock);
    engine::SimulatedChain chain("null", station.station().output_format(),
                                 station.station().ceiling, station.station().duck_db, seg.begin);
    engine::ServiceOptions options;
    options.keep_output_open = true;
    engine::Service service(station, audit, chain, clock, options);
    app::SimulatedRun run(service, chain, clock);
    run.start("soak");
    for (const auto& a : seg.actions) {
        run.run_until(a.at);
        const Instant now = clock.now();
        switch (a.kind) {
            case Action::Kind::air_now:
                try {
                    journal.line("manual " + service.air_now(now, a.manual));
                } catch (const std::exception& e) {
                    journal.line(std::string("refused ") + e.what());
                }
                break;
            case Action::Kind::stop:
                journal.line(service.stop_on_air(now, a.who) ? "stop hit" : "stop none");
                break;
            case Action::Kind::break_file:
                write_file(st.root / st.breakable[a.file].path, st.breakable[a.file].broken);
                journal.line(all_taken(service.reload(now)) ? "reload broken-taken"
                                                            : "reload broken-refused");
                break;
            case Action::Kind::fix_file:
                write_file(st.root / st.breakable[a.file].path, st.breakable[a.file].good);
                journal.line(all_taken(service.reload(now)) ? "reload fixed"
                                                            : "reload still-broken");
                break;
            case Action::Kind::lose_output:
                chain.lose_output("the sound device was unplugged");
                journal.line("lose");
                break;
            case Action::Kind::restore_output:
                chain.restore_output();
                journal.line("restore");
                break;
        }
    }
    run.run_until(seg.end);
    if (seg.last) {
        run.finish();
        if (!audit.flush())
            throw std::runtime_error("rows are still waiting: " + audit.last_error());
        journal.line("finished " + std::to_string(seg.index));
        return 0;
    }
    // The rows of what happened are on disk, as a disk that keeps up has them; then the
    // process dies as in a power cut: no stop, no daemon-stop.
    if (!audit.flush()) throw std::runtime_error("rows are still waiting: " + audit.last_error());
    journal.line("kill " + std::to_string(seg.index));
    std::fflush(nullptr);
    std::raise(SIGKILL);
    return 1;
}

std::string tail_of(const std::filesystem::path& file, std::size_t lines) {
    std::ifstream in(file);
    std::vector<std::string> all;
    for (std::string l; std::getline(in, l);) all.push_back(l);
    std::string out;
    for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
        out += "    " + all[i] + "\n";
    return out;
}

/// The journal's last line.
std::string last_line(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string last;
    for (std::string l; std::getline(in, l);) last = l;
    return last;
}

std::string status_text(int status) {
    if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return std::string("signal ") + strsignal(WTERMSIG(status));
    return "status " + std::to_string(status);
}

}  // namespace

SoakFigures run_soak(const SoakOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    SoakFigures fig;
    fig.days = options.days;
    std::filesystem::remove_all(options.dir / "station");
    std::filesystem::remove_all(options.dir / "starts");
    std::filesystem::create_directories(options.dir / "starts");
    const auto journal = options.dir / "actions.txt";
    std::filesystem::remove(journal);
    const SoakStation station = generate_station(options.dir / "station");
    const auto* zone = station::station_zone(station::load_station(station.root));
    const Instant from = station::local_midnight(options.first_day, zone);
    const Instant to = station::local_midnight(options.first_day + date::days(options.days), zone);
    const auto segments = plan_segments(station, options, *zone, from, to);

    long peak_kb = 0;
    for (const auto& seg : segments) {
        restore_files(station);
        const auto log = options.dir / "starts" / ("start-" + std::to_string(seg.index) + ".log");
        std::cout.flush();
        std::cerr.flush();
        std::fflush(nullptr);
        const auto t0 = std::chrono::steady_clock::now();
        const pid_t pid = ::fork();
        if (pid < 0) throw std::runtime_error(std::string("fork: ") + strerror(errno));
        if (pid == 0) {
            int rc = 1;
            try {
                const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
                if (fd >= 0) {
                    ::dup2(fd, 1);
                    ::dup2(fd, 2);
                    ::close(fd);
                }
                // A start that stops advancing (a wake-up that asks for an instant it has
                // already handled spins without moving the clock) fails instead of hanging.
                ::alarm(options.start_limit_s);
                rc = run_segment(station, seg, journal);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "soak: %s\n", e.what());
            }
            std::fflush(nullptr);
            ::_exit(rc);
        }
        int status = 0;
        struct rusage usage {};
        while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
        }
        peak_kb = std::max(peak_kb, usage.ru_maxrss);
        ++fig.starts;
        // Killed by itself at the planned instant (not by someone else), or finished cleanly.
        const bool as_planned =
            seg.last ? WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                           last_line(journal) == "finished " + std::to_string(seg.index)
                     : WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL &&
                           last_line(journal) == "kill " + std::to_string(seg.index);
        if (!seg.last && as_planned) ++fig.kills;
        if (options.progress)
            *options.progress
                << "start " << seg.index << ": "
                << date::format("%F %T", scheduler::to_local(*zone, seg.begin)) << " to "
                << date::format("%F %T", scheduler::to_local(*zone, seg.end)) << ", "
                << seg.actions.size() << " actions, " << status_text(status) << ", "
                << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
                << " s" << std::endl;
        if (!as_planned) {
            const bool timed_out = WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM;
            fig.child_failures.push_back(
                "start " + std::to_string(seg.index) + " (" +
                date::format("%F %T", scheduler::to_local(*zone, seg.begin)) + " to " +
                date::format("%F %T", scheduler::to_local(*zone, seg.end)) + ") ended with " +
                status_text(status) +
                (timed_out ? " after " + std::to_string(options.start_limit_s) +
                                 " s of wall time: the simulated clock stopped advancing"
                           : "") +
                "; the end of " + log.string() + ":\n" + tail_of(log, 30));
            break;
        }
    }

    std::vector<std::string> ids;
    {
        std::ifstream in(journal);
        for (std::string l; std::getline(in, l);) {
            if (l.rfind("manual ", 0) == 0) ids.push_back(l.substr(7));
            if (l.rfind("refused ", 0) == 0) ++fig.manual_refused;
            if (l.rfind("stop ", 0) == 0) ++fig.stops;
            if (l == "stop hit") ++fig.stops_hit;
            if (l.rfind("reload broken", 0) == 0) ++fig.broken_reloads;
            if (l == "lose") ++fig.output_losses;
        }
    }
    try {
        fig.results = check_log(station.root, from, to, ids);
    } catch (const std::exception& e) {
        Check read("read the station and its log");
        read.problems.push_back(e.what());
        fig.results.checks.push_back(std::move(read));
    }
    fig.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    struct rusage self {};
    ::getrusage(RUSAGE_SELF, &self);
    fig.peak_child_mb = static_cast<double>(peak_kb) / 1024.0;
    fig.self_mb = static_cast<double>(self.ru_maxrss) / 1024.0;
    return fig;
}

std::string format_figures(const SoakFigures& f) {
    std::ostringstream out;
    const auto& g = f.results.figures;
    const auto& c = g.scheduled;
    out << "simulated days       " << f.days << "\n"
        << "daemon starts        " << f.starts << " (" << f.kills << " killed with SIGKILL)\n"
        << "occurrences          " << g.occurrences << " scheduled in the span\n"
        << "  outcomes           on time " << c.on_time << ", late " << c.late << ", interrupted "
        << c.interrupted << ", partial " << c.partial << ", missed " << c.missed << ", failed "
        << c.failed << ", open " << c.open << "\n"
        << "airings              " << g.airings << " (started rows)\n"
        << "manual requests      " << g.manual_requests << " accepted, " << f.manual_refused
        << " refused; " << g.manual_entries << " manual lines in the record\n"
        << "stops                " << f.stops << " (" << f.stops_hit << " found something airing)\n"
        << "broken reloads       " << f.broken_reloads << " (" << g.reloads_refused
        << " reload rows with a file refused)\n"
        << "output losses        " << f.output_losses << "\n"
        << "as-run rows          " << g.rows << "\n";
    out.setf(std::ios::fixed);
    out.precision(1);
    out << "wall time            " << f.wall_seconds << " s\n"
        << "peak RSS             " << f.peak_child_mb << " MB (largest daemon start), " << f.self_mb
        << " MB (this process, checks)\n";
    for (const auto& failure : f.child_failures) out << "FAILED: " << failure << "\n";
    for (const auto& check : f.results.checks) {
        out << (check.ok() ? "ok      " : "FAILED  ") << check.name << " (" << check.checked
            << " checked)\n";
        for (const auto& p : check.problems) out << "  " << p << "\n";
    }
    return out.str();
}

}  // namespace vc::soak
