// Writing a whole file so that it is either all there or not changed:
// written beside its final name and renamed into place. Reports (--output)
// and baselines are written this way.
#pragma once

#include <string>

namespace plumb {

// Replaces the file at `path` with `text`. A regular file (or a new one) is
// written to a fresh temporary file in the same folder, flushed to disk and
// renamed over `path`, so that a failure (disk full, no permission, a kill)
// never leaves a half-written file; through a symbolic link, the file it
// points to is replaced and the link kept. A character device, pipe or
// socket (/dev/null, a FIFO) is written directly. Throws RuntimeFailure
// "cannot <create|write|rename into> <shown_as>: <reason>", where
// `shown_as` names the file as the user knows it ("--output out.json").
void write_file_atomically(const std::string& path, const std::string& text, const std::string& shown_as);

}  // namespace plumb
