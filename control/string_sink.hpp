#pragma once
// An output stream's buffer that appends to one string, telling its owner how large the string
// has grown after each write (to stop a text that grows past a budget: `grown` may throw, and a
// stream whose exceptions() include badbit passes the exception on).

#include <cstddef>
#include <functional>
#include <streambuf>
#include <string>
#include <utility>

namespace vc::control {

/// One thread.
class StringSink : public std::streambuf {
  public:
    explicit StringSink(std::function<void(std::size_t size)> grown) : grown_(std::move(grown)) {}

    /// The text written so far, moved out.
    std::string take() { return std::move(text_); }

  protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        text_.append(s, static_cast<std::size_t>(n));
        grown_(text_.size());
        return n;
    }
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        text_.push_back(traits_type::to_char_type(c));
        grown_(text_.size());
        return c;
    }

  private:
    std::function<void(std::size_t)> grown_;
    std::string text_;
};

}  // namespace vc::control
