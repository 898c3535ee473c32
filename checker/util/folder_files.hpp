// Listing the files of a folder that a command reads (migrations, rules),
// with a clear error for an entry that cannot be read.
#pragma once

#include <string>
#include <vector>

namespace plumb {

// The regular files (or symbolic links to one) under `directory` whose
// names end in one of `extensions` (".sql"), in its subfolders too when
// `recursive` (links to folders are not followed, so a loop of them is never
// walked), sorted by path so that messages come out the same whatever order
// the file system lists them in. A link to nothing is left out. Throws
// InputError "<directory>: cannot read the <what>: <reason>" when the
// folder cannot be opened, and "<path>: cannot read it: <reason>" naming an
// entry that cannot be: a symbolic link loop (ELOOP), no permission.
std::vector<std::string> files_in_folder(const std::string& directory, const std::string& what,
                                         const std::vector<std::string>& extensions, bool recursive);

}  // namespace plumb
