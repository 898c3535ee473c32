// Logging: spdlog writes to stderr through a sink that masks the password of
// any connection string in a line; database errors come to it masked already.
#pragma once

namespace plumb::cli {

// Installs the masked stderr logger as spdlog's default. `verbose` shows
// debug lines, `quiet` only warnings and errors.
void configure_logging(bool verbose, bool quiet);

}  // namespace plumb::cli
