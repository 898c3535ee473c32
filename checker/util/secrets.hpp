// Secrets: the passwords plumb has seen, and the functions that take them out
// of text before it is shown. Masking happens where a password can really
// appear: connection strings, libpq's and the server's messages, and the
// command line itself. Reports are never searched and replaced as a whole:
// a password of one letter would corrupt every word that holds it (SARIF's
// `$schema` became `$****chema`).
#pragma once

#include <string>

namespace plumb {

// Remembers `secret` (a password) so that later calls of mask_secrets() hide
// it. Empty strings are ignored. Thread-safe.
void register_secret(const std::string& secret);

// `text` with every registered secret and any password in a
// `scheme://user:password@host` URI or a `password=...` pair replaced by
// "****". For text that may hold a password verbatim: a connection string,
// a libpq or server message. A secret of four characters or more is masked
// wherever it occurs; a shorter one where it stands alone (not inside a
// word), so that `s` masks `database "s"` but leaves `server` readable.
std::string mask_secrets(const std::string& text);

// Only the passwords of URIs and `password=...` pairs in `text` replaced by
// "****": the safety net for text plumb wrote itself (an error line, a log
// line), which leaves text without a connection string unchanged.
std::string mask_connection_passwords(const std::string& text);

// Overwrites the password of a URI or `password=...` pair inside the C string
// `text` in place (for the process's argument memory, which `ps` shows): with
// "****" and the rest moved up and padded with NUL bytes when the password is
// at least four characters long, else with as many '*'. Returns true when it
// changed anything.
bool mask_connection_passwords_in_place(char* text);

}  // namespace plumb
