#include "routine/sim_profile.h"

#include <cmath>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "routine/suggest.h"
#include "routine/yaml_limits.h"

namespace stafett::routine {
namespace {

// Messages are in bokmål, like the routine reader's: the administrator who
// writes the profile reads them.
class ProfileReader {
 public:
  ProfileReader(std::string_view text, const Routine& routine,
                DiagnosticList* diags)
      : text_(text), routine_(routine), diags_(diags) {}

  void Read(const YAML::Node& root, SimProfile* out) {
    if (!root.IsMap()) {
      Error(root, "en simuleringsprofil skal være et kart (nøkkel: verdi)");
      return;
    }
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>("");
      const YAML::Node& v = kv.second;
      if (key == "consent") {
        Probability(v, &out->consent);
      } else if (key == "baton") {
        Probability(v, &out->baton);
      } else if (key == "arrivals") {
        Arrivals(v, &out->arrivals);
      } else if (key == "steps") {
        Steps(v, &out->steps);
      } else {
        Error(kv.first,
              "ukjent nøkkel '" + key + "'" +
                  DidYouMean(key, {"consent", "baton", "arrivals", "steps"}));
      }
    }
  }

 private:
  SourcePos Pos(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    return PositionInText(text_, m.pos, m.line, m.column);
  }
  void Error(const YAML::Node& at, std::string message) {
    diags_->Add(Pos(at), std::move(message));
  }

  bool Number(const YAML::Node& v, double* out) {
    if (!v.IsScalar()) {
      Error(v, "skal være et tall");
      return false;
    }
    try {
      double d = v.as<double>();
      if (!std::isfinite(d)) throw YAML::Exception(v.Mark(), "nan");
      *out = d;
      return true;
    } catch (const YAML::Exception&) {
      Error(v, "'" + v.Scalar() + "' er ikke et tall");
      return false;
    }
  }
  void Probability(const YAML::Node& v, double* out) {
    double d = 0;
    if (!Number(v, &d)) return;
    if (d < 0 || d > 1) {
      Error(v, "en sannsynlighet skal være mellom 0 og 1");
      return;
    }
    *out = d;
  }
  void Weight(const YAML::Node& v, double* out) {
    double d = 0;
    if (!Number(v, &d)) return;
    if (d < 0) {
      Error(v, "en vekt kan ikke være negativ");
      return;
    }
    *out = d;
  }

  void Arrivals(const YAML::Node& v, std::map<std::string, double>* out) {
    if (!v.IsMap()) {
      Error(v, "arrivals skal være et kart: tjeneste: vekt");
      return;
    }
    std::vector<std::string> ids;
    for (const auto& s : routine_.services) ids.push_back(s.id);
    for (const auto& kv : v) {
      const std::string id = kv.first.as<std::string>("");
      if (!routine_.FindService(id)) {
        Error(kv.first, "ukjent tjeneste '" + id + "'" + DidYouMean(id, ids));
        continue;
      }
      Weight(kv.second, &(*out)[id]);
    }
  }

  void Duration(const YAML::Node& v, std::optional<IsoDuration>* out) {
    if (!v.IsScalar()) {
      Error(v, "skal være en varighet, for eksempel P5D");
      return;
    }
    auto d = ParseIsoDuration(v.Scalar());
    if (!d.ok()) {
      Error(v, d.status().message());
      return;
    }
    if (d->IsZero()) {
      Error(v, "varigheten kan ikke være null");
      return;
    }
    *out = *d;
  }

  void Steps(const YAML::Node& v, std::map<std::string, SimStepProfile>* out) {
    if (!v.IsMap()) {
      Error(v, "steps skal være et kart: steg-id: profil");
      return;
    }
    std::vector<std::string> ids;
    for (const auto& s : routine_.steps) ids.push_back(s.id);
    for (const auto& kv : v) {
      const std::string id = kv.first.as<std::string>("");
      const Step* step = routine_.FindStep(id);
      if (!step) {
        Error(kv.first, "ukjent steg '" + id + "'" + DidYouMean(id, ids));
        continue;
      }
      if (!kv.second.IsMap()) {
        Error(kv.second, "steget skal ha handling og/eller outcomes");
        continue;
      }
      SimStepProfile& sp = (*out)[id];
      for (const auto& f : kv.second) {
        const std::string key = f.first.as<std::string>("");
        if (key == "handling") {
          Handling(f.second, &sp);
        } else if (key == "outcomes") {
          Outcomes(f.second, *step, &sp.outcomes);
        } else {
          Error(f.first, "ukjent nøkkel '" + key + "'" +
                             DidYouMean(key, {"handling", "outcomes"}));
        }
      }
    }
  }

  void Handling(const YAML::Node& v, SimStepProfile* sp) {
    if (!v.IsMap()) {
      Error(v, "handling skal være {median: P5D, p90: P12D}");
      return;
    }
    const std::size_t errors_before = diags_->size();
    for (const auto& kv : v) {
      const std::string key = kv.first.as<std::string>("");
      if (key == "median") {
        Duration(kv.second, &sp->median);
      } else if (key == "p90") {
        Duration(kv.second, &sp->p90);
      } else {
        Error(kv.first, "ukjent nøkkel '" + key + "'" +
                            DidYouMean(key, {"median", "p90"}));
      }
    }
    if (diags_->size() != errors_before) {  // one message per mistake
      sp->median.reset();
      sp->p90.reset();
      return;
    }
    if (sp->median.has_value() != sp->p90.has_value()) {
      Error(v, "handling trenger både median og p90");
      sp->median.reset();
      sp->p90.reset();
      return;
    }
    // Compared on a fixed start: months and days have no fixed length.
    const TimePoint t0 = FromMillis(1767225600000);  // 2026-01-01
    if (sp->median &&
        AddIsoDuration(t0, *sp->p90) < AddIsoDuration(t0, *sp->median)) {
      Error(v, "p90 kan ikke være kortere enn medianen");
    }
  }

  void Outcomes(const YAML::Node& v, const Step& step,
                std::map<std::string, double>* out) {
    if (!v.IsMap()) {
      Error(v, "outcomes skal være et kart: utfall: vekt");
      return;
    }
    std::vector<std::string> names;
    for (const auto& o : step.outcomes) names.push_back(o.name);
    names.push_back("suspected_abuse");
    names.push_back("close");
    for (const auto& kv : v) {
      const std::string name = kv.first.as<std::string>("");
      bool known = step.FindOutcome(name) != nullptr || name == "close" ||
                   (name == "suspected_abuse" && step.level == 0);
      if (!known) {
        Error(kv.first, "steget '" + step.id + "' har ikke utfallet '" + name +
                            "'" + DidYouMean(name, names));
        continue;
      }
      Weight(kv.second, &(*out)[name]);
    }
  }

  std::string_view text_;
  const Routine& routine_;
  DiagnosticList* diags_;
};

}  // namespace

SimProfileResult ReadSimProfile(std::string_view text, const std::string& name,
                                const Routine& routine) {
  SimProfileResult result;
  DiagnosticList diags(name);
  SimProfile profile;
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (root.IsNull()) {
      result.profile = profile;  // an empty profile: every default
      return result;
    }
    if (!WithinYamlLimits(root)) {
      diags.Add(SourcePos{1, 1}, YamlTooLargeMessage());
    } else {
      ProfileReader(text, routine, &diags).Read(root, &profile);
    }
  } catch (const YAML::Exception& e) {
    diags.Add(SourcePos{e.mark.line + 1, e.mark.column + 1},
              "ikke gyldig YAML: " + e.msg);
  }
  if (diags.empty()) result.profile = std::move(profile);
  result.diagnostics = diags.Take();
  return result;
}

}  // namespace stafett::routine
