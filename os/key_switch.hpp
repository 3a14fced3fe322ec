#pragma once
// A push-to-talk key: one key of a Linux input device (a USB foot switch, a keyboard), read as
// evdev events on the event loop. A named pipe carrying the same events (struct input_event)
// works too, for a switch bridged by another program (a GPIO line, a serial port's CTS).

#include <filesystem>
#include <functional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace vc::os {

class KeySwitch {
  public:
    /// Reports each press (true) and release (false) of `key_name` (KEY_F12, BTN_0: Linux's
    /// names) on `device` to `on_change`, on the loop's thread; key repeats are ignored. A
    /// device that is missing or goes away (unplugged) is opened again every 2 s; a key held
    /// when it went away is reported released. `on_problem` gets one line each time the
    /// device is lost or comes back. Throws UserError for an unknown key name. Loop thread.
    KeySwitch(boost::asio::io_context& io, std::filesystem::path device,
              const std::string& key_name, std::function<void(bool pressed)> on_change,
              std::function<void(const std::string&)> on_problem);
    ~KeySwitch();
    KeySwitch(const KeySwitch&) = delete;
    KeySwitch& operator=(const KeySwitch&) = delete;

    [[nodiscard]] bool pressed() const { return pressed_; }

  private:
    void open();
    void read_more();
    void lost(const std::string& why);

    boost::asio::posix::stream_descriptor fd_;
    boost::asio::steady_timer retry_;
    std::filesystem::path device_;
    std::string key_name_;
    int key_ = 0;
    std::function<void(bool)> on_change_;
    std::function<void(const std::string&)> on_problem_;
    bool pressed_ = false;
    bool reported_missing_ = false;
    unsigned char buffer_[24 * 32] = {};
    std::size_t filled_ = 0;
};

}  // namespace vc::os
