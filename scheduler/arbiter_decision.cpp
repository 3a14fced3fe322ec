#include "scheduler/arbiter_decision.hpp"

namespace vc::scheduler {

std::string_view to_string(Outcome o) {
    switch (o) {
        case Outcome::aired:
            return "aired";
        case Outcome::missed:
            return "missed";
        case Outcome::interrupted:
            return "interrupted";
        case Outcome::failed:
            return "failed";
    }
    return "?";
}

std::string_view to_string(EndKind k) {
    switch (k) {
        case EndKind::finished:
            return "finished";
        case EndKind::faded_out:
            return "faded_out";
        case EndKind::failed:
            return "failed";
        case EndKind::output_lost:
            return "output_lost";
    }
    return "?";
}

}  // namespace vc::scheduler
