#include "cli/output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "util/errors.hpp"
#include "util/secrets.hpp"

namespace plumb::cli {
namespace {

void write_file_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".plumb-tmp";
  auto fail = [&](const std::string& what) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw RuntimeFailure("cannot " + what + " --output " + path + ": " + reason);
  };
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) fail("create");
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  // fflush and fclose report a full disk that fwrite buffered past.
  const bool flushed = std::fflush(file) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) fail("write");
  if (std::rename(temporary.c_str(), path.c_str()) != 0) fail("rename into");
}

}  // namespace

void write_result(const GlobalOptions& options, const std::string& text) {
  const std::string masked = mask_secrets(text);
  if (options.output.empty()) {
    std::cout << masked << std::flush;
    return;
  }
  write_file_atomically(options.output, masked);
}

bool colors_enabled(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(fileno(stream)) == 1;
}

}  // namespace plumb::cli
