#include "app/reload_preparer.hpp"

#include <boost/asio/post.hpp>

#include "library/library.hpp"

namespace vc::app {

ReloadPreparer::~ReloadPreparer() {
    if (thread_.joinable()) thread_.join();
}

void ReloadPreparer::request(library::LibraryFolders folders, std::function<void()> then) {
    folders_ = std::move(folders);
    then_ = std::move(then);
    if (running_) {
        again_ = true;
        return;
    }
    start();
}

void ReloadPreparer::start() {
    running_ = true;
    if (thread_.joinable()) thread_.join();  // it has posted its result: it is ending
    thread_ = std::thread([this, folders = folders_] {
        // Bad files never throw here (each is listed with its problem, and the reload reports
        // it); an index that cannot be written only means the loop's scan analyses again.
        try {
            (void)library::Library::scan(folders);
        } catch (const std::exception&) {
        }
        boost::asio::post(io_, [this] {
            running_ = false;
            if (again_) {
                again_ = false;
                start();
                return;
            }
            then_();
        });
    });
}

}  // namespace vc::app
