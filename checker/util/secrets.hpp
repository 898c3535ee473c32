// Secrets: the passwords plumb has seen, and the one function that takes them
// out of any text before it is shown. Every message, log line and report goes
// through mask_secrets(), so a password never reaches a terminal or a CI log.
#pragma once

#include <string>

namespace plumb {

// Remembers `secret` (a password) so that later calls of mask_secrets() hide
// it. Empty strings are ignored. Thread-safe.
void register_secret(const std::string& secret);

// `text` with every registered secret, and any password in a
// `scheme://user:password@host` URI or a `password=...` pair, replaced by
// "****".
std::string mask_secrets(const std::string& text);

}  // namespace plumb
