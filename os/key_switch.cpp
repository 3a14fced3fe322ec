#include "os/key_switch.hpp"

#include <fcntl.h>
#include <linux/input.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <libevdev/libevdev.h>

#include "core/diagnostic.hpp"

namespace vc::os {

KeySwitch::KeySwitch(boost::asio::io_context& io, std::filesystem::path device,
                     const std::string& key_name, std::function<void(bool)> on_change,
                     std::function<void(const std::string&)> on_problem)
    : fd_(io),
      retry_(io),
      device_(std::move(device)),
      key_name_(key_name),
      on_change_(std::move(on_change)),
      on_problem_(std::move(on_problem)) {
    key_ = libevdev_event_code_from_name(EV_KEY, key_name.c_str());
    if (key_ < 0)
        throw UserError("the push-to-talk key \"" + key_name +
                        "\" is not a key name; write e.g. \"KEY_F12\"");
    open();
}

KeySwitch::~KeySwitch() {
    boost::system::error_code ignored;
    retry_.cancel();
    fd_.close(ignored);
}

void KeySwitch::open() {
    // A named pipe is opened for writing too, so that it never reads as ended while no bridge
    // has it open.
    struct stat st {};
    const bool pipe = ::stat(device_.c_str(), &st) == 0 && S_ISFIFO(st.st_mode);
    const int fd = ::open(device_.c_str(), (pipe ? O_RDWR : O_RDONLY) | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (!reported_missing_)
            on_problem_("the push-to-talk key's device " + device_.string() +
                        " cannot be opened: " + std::strerror(errno) +
                        " (a missing device is looked for again every 2 s; the daemon's user "
                        "needs to be in the `input` group)");
        reported_missing_ = true;
        retry_.expires_after(std::chrono::seconds(2));
        retry_.async_wait([this](const boost::system::error_code& ec) {
            if (!ec) open();
        });
        return;
    }
    if (reported_missing_)
        on_problem_("the push-to-talk key's device " + device_.string() + " is back");
    reported_missing_ = false;
    filled_ = 0;
    fd_.assign(fd);
    read_more();
}

void KeySwitch::read_more() {
    fd_.async_read_some(boost::asio::buffer(buffer_ + filled_, sizeof buffer_ - filled_),
                        [this](const boost::system::error_code& ec, std::size_t n) {
                            if (ec == boost::asio::error::operation_aborted) return;
                            if (ec || n == 0) {
                                lost(ec ? ec.message() : "it closed");
                                return;
                            }
                            filled_ += n;
                            const std::size_t size = sizeof(input_event);
                            std::size_t at = 0;
                            for (; at + size <= filled_; at += size) {
                                input_event e{};
                                std::memcpy(&e, buffer_ + at, size);
                                if (e.type != EV_KEY || e.code != key_ || e.value == 2) continue;
                                const bool down = e.value == 1;
                                if (down == pressed_) continue;
                                pressed_ = down;
                                on_change_(down);
                            }
                            std::memmove(buffer_, buffer_ + at, filled_ - at);
                            filled_ -= at;
                            read_more();
                        });
}

void KeySwitch::lost(const std::string& why) {
    boost::system::error_code ignored;
    fd_.close(ignored);
    reported_missing_ = true;
    on_problem_("the push-to-talk key's device " + device_.string() + " went away (" + why +
                "); looking for it again every 2 s");
    if (pressed_) {
        pressed_ = false;
        on_change_(false);
    }
    retry_.expires_after(std::chrono::seconds(2));
    retry_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) open();
    });
}

}  // namespace vc::os
