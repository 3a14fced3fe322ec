#include "asrun/pending_queue.hpp"

namespace vc::asrun {

bool PendingQueue::append(LogStore& log, Event event) {
    waiting_.push_back(std::move(event));
    retry(log);
    return waiting_.empty();
}

std::size_t PendingQueue::retry(LogStore& log) {
    std::size_t written = 0;
    while (!waiting_.empty()) {
        try {
            last_seq_ = log.append(waiting_.front()).seq;
        } catch (const AppendError& e) {
            last_error_ = e.what();
            return written;
        }
        waiting_.pop_front();
        ++written;
    }
    last_error_.clear();
    return written;
}

}  // namespace vc::asrun
