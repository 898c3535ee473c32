#include "cli/output.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "util/output_file.hpp"

namespace plumb::cli {

namespace {

bool g_result_written = false;

}  // namespace

bool result_written() { return g_result_written; }

void write_result(const GlobalOptions& options, const std::string& text) {
  g_result_written = true;
  write_output(options.output, text, std::cout);
}

void write_result(const GlobalOptions& options, const std::function<void(std::ostream&)>& write) {
  g_result_written = true;
  if (options.output.empty()) {
    write(std::cout);
    std::cout << std::flush;
    return;
  }
  std::ostringstream text;
  write(text);
  write_output(options.output, text.str(), std::cout);
}

bool colors_enabled(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(fileno(stream)) == 1;
}

}  // namespace plumb::cli
