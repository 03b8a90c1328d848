#include "routine/consent_explain.h"

namespace stafett::routine {

namespace {

std::string List(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " og " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace

std::vector<std::string> ExplainConsent(const Routine& r) {
  std::vector<std::string> collect, required, level0_required;
  for (const auto& s : r.steps) {
    if (s.kind == StepKind::kClosed) continue;
    const std::string name = "'" + s.id + "'";
    if (s.consent == ConsentPoint::kCollect) {
      collect.push_back(name);
    } else if (s.consent == ConsentPoint::kRequired && s.level == 0) {
      level0_required.push_back(name);
    } else if (s.consent == ConsentPoint::kRequired ||
               (s.level > 0 && !s.KeepsLevel())) {
      required.push_back(name + " (nivå " + std::to_string(s.level) + ")");
    }
  }
  std::vector<std::string> out;
  out.push_back(collect.empty()
                    ? "samtykke: ingen steg henter samtykke (consent: "
                      "collect); samtykket må registreres før saken kan gå "
                      "over nivå 0"
                    : "samtykke hentes i " + List(collect) +
                          "; der kan saken komme uten samtykke, og den "
                          "beholder nivået sitt til samtykket er gitt");
  if (!required.empty() || !level0_required.empty()) {
    std::string line = "samtykke kreves for å gå inn i ";
    std::vector<std::string> all = level0_required;
    all.insert(all.end(), required.begin(), required.end());
    line += List(all);
    out.push_back(line);
  }
  out.push_back(
      "uten samtykke: et utfall til et slikt steg avvises med beskjed om "
      "hvilke tjenester samtykket må omfatte (den ansvarlige og "
      "stafettholderen); avslutning og snarveien ved mistanke om vold eller "
      "overgrep trenger aldri samtykke");
  return out;
}

}  // namespace stafett::routine
