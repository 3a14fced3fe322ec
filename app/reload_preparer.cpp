#include "app/reload_preparer.hpp"

#include <boost/asio/post.hpp>

#include "station/station_files.hpp"

namespace vc::app {

ReloadPreparer::~ReloadPreparer() {
    if (thread_.joinable()) thread_.join();
}

void ReloadPreparer::request(std::filesystem::path root, std::function<void()> then) {
    root_ = std::move(root);
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
    thread_ = std::thread([this, root = root_] {
        // Whatever fails here is the reload's to report, from the loop: a broken station.toml,
        // a text that cannot be spoken, an index that cannot be written only mean that the
        // loop's reload meets them again.
        try {
            (void)station::load_station_files(root);
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
