#include "sweep/sweep_action.hpp"

#include "util/errors.hpp"

namespace plumb {

bool has_sweep_action(const Rule& rule) {
  const auto* spec = rule.spec_if<StaleRowsSpec>();
  return spec != nullptr && spec->sweep.has_value();
}

SweepAction sweep_action_of(const Rule& rule) {
  if (!has_sweep_action(rule))
    throw InputError(rule.location, "rule '" + rule.id + "' cannot be swept: only stale_rows rules with a 'sweep' action can");
  const auto& spec = rule.spec_as<StaleRowsSpec>();
  return SweepAction{rule.id, spec, *spec.sweep};
}

}  // namespace plumb
