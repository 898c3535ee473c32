#include "cli/log_sink.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <mutex>

#include "cli/output.hpp"
#include "util/secrets.hpp"

namespace plumb::cli {
namespace {

class MaskedStderrSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit MaskedStderrSink(bool color) : m_color(color) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    // Database errors in a log line were masked where they were described;
    // this pass catches a whole connection string and changes nothing else.
    std::string text = mask_connection_passwords(std::string(message.payload.data(), message.payload.size()));
    std::fprintf(stderr, "%s%s\n", prefix(message.level), text.c_str());
  }
  void flush_() override { std::fflush(stderr); }

 private:
  const char* prefix(spdlog::level::level_enum level) const {
    switch (level) {
      case spdlog::level::warn: return m_color ? "\033[33mwarning:\033[0m " : "warning: ";
      case spdlog::level::err:
      case spdlog::level::critical: return m_color ? "\033[31merror:\033[0m " : "error: ";
      case spdlog::level::debug:
      case spdlog::level::trace: return "debug: ";
      default: return "";
    }
  }
  bool m_color;
};

}  // namespace

void configure_logging(bool verbose, bool quiet) {
  auto sink = std::make_shared<MaskedStderrSink>(colors_enabled(stderr));
  auto logger = std::make_shared<spdlog::logger>("plumb", sink);
  logger->set_level(verbose ? spdlog::level::debug
                            : quiet ? spdlog::level::warn : spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace plumb::cli
