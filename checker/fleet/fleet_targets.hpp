// FleetTargets: the databases of a fleet (shards, tenants, regions), read
// from a targets file, and the selection of some of them by name or tag.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/connection_settings.hpp"
#include "util/source_location.hpp"

namespace plumb {

// One database of the fleet.
struct Target {
  std::string name;                          // unique in its file; names the target in every report
  ConnectionSettings primary;                // `db:` or `db_env:`: where writes (sweep, migrate) go
  std::optional<ConnectionSettings> replica; // `replica:`: where check's rules read, when given
  std::vector<std::string> tags;             // `tags:`: what --target may select besides the name
  SourceLocation location;                   // the entry's place in the targets file
};

// Reads a targets file:
//
//   targets:
//     - name: eu-1
//       db: "postgresql://app@eu-1/app"   # or db_env: EU1_DATABASE_URL
//       replica: "postgresql://app@eu-1-ro/app"
//       tags: [eu, shard]
//
// Throws InputError "file:line:col: message" with the offending line and a
// caret for: YAML that does not parse, an unknown key, a missing name, a
// name given twice, neither or both of db and db_env, a db_env variable
// that is not set, a connection string that does not parse. Passwords in
// the file are registered for masking. The targets keep the file's order.
// `other_keys_allowed`: the list sits in plumb.yml beside its other settings
// (read and checked by the settings loader), so only `targets` is read here.
std::vector<Target> load_targets(const std::string& path, bool other_keys_allowed = false);

// The targets that `selectors` (--target values: names or tags) pick, in
// file order; all of them when `selectors` is empty. Throws InputError
// "--target X: no target has this name or tag" for a selector that picks
// nothing.
std::vector<Target> select_targets(const std::vector<Target>& targets, const std::vector<std::string>& selectors);

}  // namespace plumb
