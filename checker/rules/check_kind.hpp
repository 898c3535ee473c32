// CheckKind: one kind of rule (`check: stale_rows`, `check: index_exists`...),
// and the table of all kinds. The loader asks a kind which keys it takes and
// to read a rule's keys into its typed spec before anything connects; the
// runner asks it to run that spec.
#pragma once

#include <pqxx/pqxx>

#include <memory>
#include <string>
#include <vector>

#include "vocabulary/finding.hpp"
#include "vocabulary/model.hpp"
#include "vocabulary/rule.hpp"

namespace plumb {

struct SchemaSnapshot;  // schema/schema_snapshot.hpp
class RuleOptions;      // rules/rule_options.hpp: a rule's keys while loading

// What a running check may use.
struct CheckContext {
  const std::vector<Model>& models;  // every model of the rules files
  const SchemaSnapshot* schema;      // the catalog, read once per run (null when no rule needs it)
  // A READ ONLY transaction with the rule's statement_timeout and
  // lock_timeout already set; data kinds query through it.
  pqxx::transaction_base& transaction;
  int sample_limit = 10;  // at most this many sample rows per finding
};

class CheckKind {
 public:
  virtual ~CheckKind() = default;

  // The name used in `check:`.
  virtual const char* name() const = 0;

  // The keys this kind takes besides the common ones (id, check, severity,
  // tags, description, timeout); any other key is an error in the rules file.
  virtual std::vector<std::string> option_keys() const = 0;

  // Reads the rule's own keys into this kind's spec, once, for run() to use.
  // Throws InputError, pointing at the offending key in the file, when a
  // rule of this kind is incomplete or ill-typed. Needs no database.
  virtual std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>& models) const = 0;

  // Runs the rule (its spec is this kind's: rule.spec_as<...>()); returns
  // its findings (empty when it passes). Throws what the database throws;
  // the runner turns that into the rule's status.
  virtual std::vector<Finding> run(const Rule& rule, CheckContext& context) const = 0;
};

// The kind named `name`, or nullptr.
const CheckKind* find_check_kind(const std::string& name);

// Every kind's name, for error messages ("expected one of ...").
std::vector<std::string> check_kind_names();

}  // namespace plumb
