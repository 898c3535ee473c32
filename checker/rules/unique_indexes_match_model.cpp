// unique_indexes_match_model: the incident's check. For each unique index on
// a modelled table: backed by a rule of the model, stricter than the model
// (error: it rejects rows the application thinks valid), or undeclared (no
// rule mentions its columns). For each rule of a model: enforced by a valid
// unique index, or not (warning: a race can insert duplicates). Verdicts are
// pure functions of the snapshot, the models and what PostgreSQL proved
// about conditions; the proofs are asked in one pass, in chunks of tables.
#include <algorithm>

#include "rules/implication_prover.hpp"
#include "schema/condition_types.hpp"
#include "rules/model_fit.hpp"
#include "rules/rule_options.hpp"
#include "rules/schema_check_kinds.hpp"
#include "rules/schema_scope.hpp"
#include "rules/uniqueness_findings.hpp"
#include "schema/uniqueness_match.hpp"
#include "util/text.hpp"

namespace plumb {
namespace {

// The rule's options: which tables, and how undeclared indexes are reported.
struct UniqueIndexesSpec : TableScopeSpec {
  std::optional<Severity> undeclared = Severity::warning;  // nullopt: `undeclared: off`
};

std::optional<Severity> undeclared_severity(const RuleOptions& options) {
  const auto text = options.optional_text("undeclared");
  if (!text || *text == "warning") return Severity::warning;
  if (*text == "error") return Severity::error;
  if (*text == "info") return Severity::info;
  if (*text == "off") return std::nullopt;
  throw options.error("undeclared", "'undeclared' must be error, warning, info or off, not '" + *text + "'");
}

// One model with its table and the rules that fit it.
struct ModelOnTable {
  const Model* model = nullptr;
  const Table* table = nullptr;
  std::vector<UniquenessRule> rules;  // the model's rules that fit the table
  bool misfit = false;                // some rule did not fit: index verdicts wait
};

// The rules the table's data obeys besides the model's: the primary key is
// unique by construction, so an index containing it rejects no pair of rows.
std::vector<UniquenessRule> with_primary_key(std::vector<UniquenessRule> rules, const Table& table) {
  const auto key = table.primary_key_columns();
  if (!key.empty()) {
    UniquenessRule primary;
    primary.columns = key;
    primary.origin = "primary key";
    rules.push_back(primary);
  }
  return rules;
}

size_t shared_columns(const Index& index, const Table& table, const UniquenessRule& rule) {
  size_t shared = 0;
  for (const auto& key : key_meanings(index, table))
    if (!key.column.empty() && std::count(rule.columns.begin(), rule.columns.end(), key.column)) ++shared;
  return shared;
}

// The model rule sharing most columns with the index; null when none shares one.
const UniquenessRule* closest_rule(const std::vector<UniquenessRule>& rules, const Index& index, const Table& table) {
  const UniquenessRule* best = nullptr;
  size_t best_shared = 0;
  for (const auto& rule : rules)
    if (const size_t shared = shared_columns(index, table, rule); shared > best_shared) {
      best = &rule;
      best_shared = shared;
    }
  return best;
}

class Judge {
 public:
  Judge(const Rule& rule, const Implications& implications) : m_rule(rule), m_implications(implications) {}

  void judge(const ModelOnTable& entry, std::vector<Finding>& findings) const {
    for (const auto& index : entry.table->indexes) {
      if (!index.unique) continue;
      if (!index.valid) findings.push_back(invalid_index_finding(m_rule.severity, *entry.table, index));
      if (!entry.misfit) judge_index(entry, index, findings);
    }
    for (const auto& rule : entry.rules) judge_rule(entry, rule, findings);
  }

 private:
  void judge_index(const ModelOnTable& entry, const Index& index, std::vector<Finding>& findings) const {
    const Table& table = *entry.table;
    const auto accepted = with_primary_key(entry.rules, table);
    std::optional<Strictness> undecided;
    const UniquenessRule* undecided_rule = nullptr;
    for (const auto& rule : accepted) {
      const auto gap = stricter_than(index, rule, table, m_implications);
      if (!gap) return;  // backed
      if (!gap->certain() && !undecided) {
        undecided = gap;
        undecided_rule = &rule;
      }
    }
    if (undecided) return findings.push_back(undecided_index_finding(*entry.model, table, index, *undecided_rule, *undecided));
    const UniquenessRule* closest = closest_rule(entry.rules, index, table);
    if (closest == nullptr) {
      if (const auto severity = m_rule.spec_as<UniqueIndexesSpec>().undeclared)
        findings.push_back(undeclared_index_finding(*severity, *entry.model, table, index));
      return;
    }
    const Strictness why = *stricter_than(index, *closest, table, m_implications);
    findings.push_back(stricter_index_finding(m_rule.severity, *entry.model, table, index, *closest, why,
                                              example_rows(table, index, *closest, why, accepted),
                                              enforcing_index(table, *closest, &index)));
  }

  void judge_rule(const ModelOnTable& entry, const UniquenessRule& rule, std::vector<Finding>& findings) const {
    const Index* undecided = nullptr;
    std::string undecided_reason, closest_reason;
    for (const auto& index : entry.table->indexes) {
      if (!index.unique) continue;
      const auto verdict = enforcement(index, rule, *entry.table, m_implications);
      if (verdict.verdict == Enforcement::Verdict::enforced) return;
      if (verdict.verdict == Enforcement::Verdict::undecided && undecided == nullptr) {
        undecided = &index;
        undecided_reason = verdict.reason;
      }
      if (closest_reason.empty() && shared_columns(index, *entry.table, rule) > 0)
        closest_reason = "index " + index.name + ": " + verdict.reason;
    }
    if (undecided != nullptr)
      findings.push_back(undecided_rule_finding(*entry.model, *entry.table, rule, *undecided, undecided_reason));
    else
      findings.push_back(unenforced_rule_finding(m_rule.severity, *entry.model, *entry.table, rule, closest_reason));
  }

  // A valid index other than `except` that enforces `rule`.
  const Index* enforcing_index(const Table& table, const UniquenessRule& rule, const Index* except) const {
    for (const auto& index : table.indexes)
      if (&index != except && enforces(index, rule, table, m_implications)) return &index;
    return nullptr;
  }

  const Rule& m_rule;
  const Implications& m_implications;
};

bool model_in_scope(const std::optional<QualifiedName>& table, const Model& model) {
  if (!table) return true;
  return model.schema == table->schema_or("public") && model.table == table->name;
}

// Each model in scope on its table; models whose table or rules do not fit
// the catalog become findings here.
std::vector<ModelOnTable> models_on_tables(const Rule& rule, const CheckContext& context, std::vector<Finding>& findings) {
  const SchemaSnapshot& schema = schema_of(context);
  std::vector<ModelOnTable> entries;
  for (const auto& model : context.models) {
    if (!model_in_scope(rule.spec_as<UniqueIndexesSpec>().table, model)) continue;
    const Table* table = schema.find_table(model.schema, model.table);
    if (table == nullptr) {
      findings.push_back(missing_table_finding(rule.severity, model));
      continue;
    }
    ModelOnTable entry{&model, table, {}, false};
    for (const auto& unique : model.unique) {
      if (const auto misfit = rule_misfit(unique, *table)) {
        findings.push_back(model_problem_finding(rule.severity, model, unique, *misfit));
        entry.misfit = true;
      } else {
        entry.rules.push_back(unique);
      }
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

// Drops the rules whose `where` the server refused, as findings on their model.
void drop_refused_rules(const Rule& rule, const ProvenImplications& proven, std::vector<ModelOnTable>& entries,
                        std::vector<Finding>& findings) {
  for (auto& entry : entries) {
    std::vector<UniquenessRule> kept;
    for (auto& unique : entry.rules) {
      const std::string refusal = unique.condition ? proven.refusal(*entry.table, *unique.condition) : "";
      if (refusal.empty()) {
        kept.push_back(std::move(unique));
        continue;
      }
      findings.push_back(model_problem_finding(rule.severity, *entry.model, unique,
                                               "PostgreSQL refuses its where (" + *unique.condition + ") on " +
                                                   entry.table->qualified_name() + ": " + refusal));
      entry.misfit = true;
    }
    entry.rules = std::move(kept);
  }
}

class UniqueIndexesMatchModel : public CheckKind {
 public:
  const char* name() const override { return "unique_indexes_match_model"; }
  std::vector<std::string> option_keys() const override { return {"table", "undeclared"}; }

  std::shared_ptr<const RuleSpec> validate(const RuleOptions& options, const std::vector<Model>& models) const override {
    auto spec = std::make_shared<UniqueIndexesSpec>();
    spec->table = static_cast<const TableScopeSpec&>(*table_scope(options)).table;
    spec->undeclared = undeclared_severity(options);
    const auto& table = spec->table;
    if (table && std::none_of(models.begin(), models.end(), [&](const Model& model) { return model_in_scope(table, model); }))
      throw options.error("table", "no model states table '" + table->to_string() + "' (add it under 'models')");
    return spec;
  }

  std::vector<Finding> run(const Rule& rule, CheckContext& context) const override {
    std::vector<Finding> findings;
    auto entries = models_on_tables(rule, context, findings);
    // First pass: which implications would the verdicts lean on?
    RecordingImplications recorder;
    std::vector<Finding> ignored;
    for (const auto& entry : entries) Judge(rule, recorder).judge(entry, ignored);
    std::vector<ConditionToPlan> conditions;
    for (const auto& entry : entries)
      for (const auto& unique : entry.rules)
        if (unique.condition && !certainly_type_checks(*entry.table, *unique.condition))
          conditions.push_back({entry.table, *unique.condition});
    const ProvenImplications proven = prove_implications(context.transaction, recorder.questions(), conditions);
    drop_refused_rules(rule, proven, entries, findings);
    for (const auto& entry : entries) Judge(rule, proven).judge(entry, findings);
    return findings;
  }
};

}  // namespace

const CheckKind& unique_indexes_match_model_kind() {
  static const UniqueIndexesMatchModel kind;
  return kind;
}

}  // namespace plumb
