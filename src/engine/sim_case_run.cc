// One simulated case at a time (engine/sim_case_run.h).
#include "engine/sim_case_run.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/deadline.h"
#include "engine/engine.h"
#include "engine/fields.h"

namespace stafett::engine::sim {
namespace {

using std::chrono::days;
using std::chrono::year_month_day;

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int kMaxCommandsPerCase = 400;     // a routine that loops forever
constexpr double kZ90 = 1.2815515655446004;  // the standard normal's p90

// A small, portable generator: the same numbers on every platform and
// standard library, unlike std::normal_distribution. SplitMix64 seeds a
// stream per case, so results do not depend on the thread count.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() {  // [0, 1)
    return static_cast<double>(Next() >> 11) * 0x1.0p-53;
  }
  double Normal() {               // Box-Muller; one of the pair is enough here
    double u1 = 1.0 - Uniform();  // (0, 1]
    double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * M_PI * u2);
  }
  bool Chance(double p) { return Uniform() < p; }
  // An index by `weights` (all >= 0); -1 when they sum to 0.
  int Pick(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    if (total <= 0) return -1;
    double x = Uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return static_cast<int>(i);
      x -= weights[i];
    }
    return static_cast<int>(weights.size()) - 1;
  }

 private:
  std::uint64_t s_;
};

class CaseRun {
 public:
  CaseRun(const routine::Routine& r, const routine::SimProfile& p,
          const SimOptions& o, int first_month, TimePoint horizon_end,
          Tally* tally)
      : routine_(r),
        profile_(p),
        options_(o),
        first_month_(first_month),
        end_(horizon_end),
        tally_(*tally) {
    for (std::size_t i = 0; i < r.services.size(); ++i) {
      service_index_[r.services[i].id] = i;
    }
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
      step_index_[r.steps[i].id] = i;
    }
  }

  void Run(int n, const std::vector<std::string>& reporters,
           const std::vector<double>& reporter_weights, TimePoint start) {
    Rng rng(options_.seed * 0x9E3779B97F4A7C15ULL + static_cast<unsigned>(n));
    rng_ = &rng;
    // Arrivals spread evenly over the horizon, jittered within their slot.
    const double slot =
        static_cast<double>((end_ - start).count()) / options_.cases;
    TimePoint now =
        start + Millis(static_cast<std::int64_t>(slot * (n + rng.Uniform())));
    Actor reporter{routine_.tenant, reporters[rng.Pick(reporter_weights)],
                   Role::kWorker};
    NewCase input;
    input.case_id = "sim-" + std::to_string(n);
    input.reference = "SIM-" + std::to_string(n);
    input.age_band = "6-12";
    input.text = "Simulert bekymring.";
    auto opened = OpenCase(routine_, input, reporter, now);
    if (!opened.ok()) {
      ++tally_.refusals;
      ++tally_.open;
      return;
    }
    Accept(Snapshot{}, *opened, Command{}, reporter, now);
    asked_consent_ = false;
    offered_baton_ = false;

    for (int i = 0;
         i < kMaxCommandsPerCase && snap_.status == CaseStatus::kOpen; ++i) {
      if (!Step()) break;
    }
    Finish();
  }

 private:
  // One action by the responsible service; false when the case stops here
  // (horizon reached or nothing can be done).
  bool Step() {
    const routine::Step* step = routine_.FindStep(snap_.step);
    TimePoint at = snap_.step_entered_at + HandlingTime(*step);
    if (at <= now_) at = now_ + Millis(1);
    if (at >= end_) return false;
    now_ = at;
    Actor actor{routine_.tenant, snap_.responsible_service, Role::kWorker};

    MaybeOfferBaton(actor);
    if (snap_.status != CaseStatus::kOpen) return false;
    if (now_ >= end_) return false;
    actor.service = snap_.responsible_service;

    std::vector<AllowedOutcome> allowed = Allowed(snap_, routine_, actor, now_);
    std::string wanted = Draw(*step, {});
    bool open_now =
        std::any_of(allowed.begin(), allowed.end(),
                    [&](const auto& a) { return a.outcome == wanted; });
    if (!wanted.empty() &&
        (!open_now || NeedsConsentForFields(*step, wanted)) &&
        !ConsentEffective(snap_, now_) && !asked_consent_) {
      asked_consent_ = true;
      if (rng_->Chance(profile_.consent)) {
        GiveConsent(actor);
        allowed = Allowed(snap_, routine_, actor, now_);
      } else {
        ++tally_.consent_refused;
      }
    }
    // What may be taken now, by the profile's weights.
    std::vector<std::string> names;
    for (const auto& a : allowed) {
      if (a.outcome == "suspected_abuse" &&
          !Weighted(*step).count("suspected_abuse")) {
        continue;  // not unless the profile says so
      }
      if (NeedsConsentForFields(*step, a.outcome) &&
          !ConsentEffective(snap_, now_)) {
        continue;
      }
      names.push_back(a.outcome);
    }
    // Draw with no names draws from every outcome of the step: with nothing
    // open (e.g. a consent step whose outcomes all name participants and
    // the guardians said no), the case ends here.
    std::string chosen = names.empty() ? std::string()
                         : open_now && std::find(names.begin(), names.end(),
                                                 wanted) != names.end()
                             ? wanted
                             : Draw(*step, names);
    if (chosen.empty()) return Close(actor);
    const AllowedOutcome& a =
        *std::find_if(allowed.begin(), allowed.end(),
                      [&](const auto& x) { return x.outcome == chosen; });
    Command cmd;
    cmd.type = CommandType::kOutcome;
    cmd.outcome = chosen;
    const bool consented = ConsentEffective(snap_, now_);
    for (const routine::FieldSpec* f : a.requires_fields) {
      // Naming participants needs consent: an optional list stays empty.
      if (f->type == routine::FieldType::kServices && !f->required &&
          !consented) {
        continue;
      }
      cmd.fields[f->name] = Value(*f, actor);
    }
    if (!Try(cmd, actor)) return Close(actor);
    return true;
  }

  void MaybeOfferBaton(const Actor& actor) {
    if (offered_baton_ || snap_.baton != BatonState::kNone ||
        !ConsentEffective(snap_, now_) || snap_.consent->services.size() < 2) {
      return;
    }
    offered_baton_ = true;
    if (!rng_->Chance(profile_.baton)) return;
    std::vector<std::string> others;
    for (const auto& s : snap_.consent->services) {
      if (s != actor.service) others.push_back(s);
    }
    Command offer;
    offer.type = CommandType::kOfferBaton;
    offer.to_service =
        others[static_cast<std::size_t>(rng_->Uniform() * others.size())];
    if (!Try(offer, actor)) return;
    TimePoint answer = now_ + Millis(kDayMs * (1 + rng_->Next() % 3));
    if (answer >= end_) return;
    now_ = answer;
    Command accept;
    accept.type = CommandType::kAcceptBaton;
    Try(accept, Actor{routine_.tenant, offer.to_service, Role::kWorker});
  }

  void GiveConsent(const Actor& actor) {
    Command c;
    c.type = CommandType::kConsent;
    c.given_by = "guardians";
    for (const auto& s : routine_.services) c.services.push_back(s.id);
    Try(c, actor);
  }

  bool Close(const Actor& actor) {
    Command c;
    c.type = CommandType::kClose;
    c.reason = "Simulert avslutning.";
    if (Try(c, actor)) return false;
    Actor reporter{routine_.tenant, snap_.reporter_service, Role::kWorker};
    Try(c, reporter);
    return false;
  }

  bool Try(const Command& cmd, const Actor& actor) {
    auto d = Apply(snap_, routine_, cmd, actor, now_);
    if (!d.ok()) {
      ++tally_.refusals;
      return false;
    }
    Accept(snap_, *d, cmd, actor, now_);
    return true;
  }

  void Accept(const Snapshot& before, const Decision& d, const Command& cmd,
              const Actor& actor, TimePoint now) {
    if (options_.observer) options_.observer(before, d, cmd, actor, now);
    // The baton as held until now, before the decision changes it.
    if (before.baton != BatonState::kNone && !before.baton_holder.empty() &&
        (d.snapshot.baton_holder != before.baton_holder ||
         d.snapshot.status == CaseStatus::kClosed)) {
      HoldBaton(before.baton_holder, baton_since_, now);
    }
    if (d.snapshot.baton_holder != before.baton_holder) baton_since_ = now;
    if (d.left) Leave(*d.left);
    if (d.entered) Enter(*d.entered);
    snap_ = d.snapshot;
    now_ = now;
  }

  void Enter(const StepVisitEnter& e) {
    std::size_t step = step_index_.at(e.step);
    visit_ = Visit{step, e.entered_at, e.due_at};
    ++tally_.visits[step];
    int m = Month(e.entered_at);
    auto it = service_index_.find(e.service);
    if (m >= 0 && it != service_index_.end()) {
      ++tally_.steps_entered[it->second][m];
      if (routine_.steps[step].kind == routine::StepKind::kTeamMeeting) {
        ++tally_.meetings[it->second][m];
      }
    }
  }

  void Leave(const StepVisitLeave& l) {
    double d =
        static_cast<double>((l.left_at - visit_.entered).count()) / kDayMs;
    ++tally_.finished[visit_.step];
    tally_.step_days[visit_.step].push_back(d);
    tally_.case_days[visit_.step] += d;
    if (visit_.due && l.left_at > *visit_.due) ++tally_.missed[visit_.step];
  }

  void Finish() {
    if (snap_.status == CaseStatus::kClosed) {
      ++tally_.closed;
      tally_.close_days.push_back(
          static_cast<double>((now_ - snap_.created_at).count()) / kDayMs);
      return;
    }
    ++tally_.open;
    // The step it stands on at the horizon's end.
    tally_.case_days[visit_.step] +=
        static_cast<double>((end_ - visit_.entered).count()) / kDayMs;
    if (visit_.due && end_ > *visit_.due) ++tally_.missed[visit_.step];
    if (snap_.baton != BatonState::kNone && !snap_.baton_holder.empty()) {
      HoldBaton(snap_.baton_holder, baton_since_, end_);
    }
  }

  void HoldBaton(const std::string& service, TimePoint from, TimePoint to) {
    auto it = service_index_.find(service);
    if (it == service_index_.end()) return;
    int a = std::max(0, Month(from) < 0 ? 0 : Month(from));
    int b = Month(to - Millis(1));
    if (b < 0) b = options_.months - 1;
    for (int m = a; m <= b && m < options_.months; ++m) {
      ++tally_.batons_held[it->second][m];
    }
  }

  int Month(TimePoint t) const {
    int m = MonthIndex(OsloDate(t)) - first_month_;
    return m >= 0 && m < options_.months ? m : -1;
  }

  Millis HandlingTime(const routine::Step& step) {
    double median_ms, p90_ms;
    auto it = profile_.steps.find(step.id);
    if (it != profile_.steps.end() && it->second.median) {
      const TimePoint t0 = snap_.step_entered_at;
      median_ms = static_cast<double>(
          (AddIsoDuration(t0, *it->second.median) - t0).count());
      p90_ms = static_cast<double>(
          (AddIsoDuration(t0, *it->second.p90) - t0).count());
    } else {
      double deadline =
          snap_.due_at ? static_cast<double>(
                             (*snap_.due_at - snap_.step_entered_at).count())
                       : 7.0 * kDayMs;
      median_ms = 0.6 * deadline;
      p90_ms = 1.1 * deadline;
    }
    median_ms = std::max(median_ms, 60000.0);
    p90_ms = std::max(p90_ms, median_ms);
    double sigma = std::log(p90_ms / median_ms) / kZ90;
    double ms = median_ms * std::exp(sigma * rng_->Normal());
    return Millis(static_cast<std::int64_t>(std::min(ms, 3650.0 * kDayMs)));
  }

  const std::map<std::string, double>& Weighted(const routine::Step& step) {
    static const std::map<std::string, double> kNone;
    auto it = profile_.steps.find(step.id);
    return it == profile_.steps.end() ? kNone : it->second.outcomes;
  }

  // An outcome among `among` (every routine outcome when empty) by the
  // profile's weights; "" when none has weight.
  std::string Draw(const routine::Step& step,
                   const std::vector<std::string>& among) {
    std::vector<std::string> names = among;
    if (names.empty()) {
      for (const auto& o : step.outcomes) names.push_back(o.name);
      for (const auto& [name, w] : Weighted(step)) {
        if (name == "suspected_abuse") names.push_back(name);
      }
      if (names.empty()) return "";
    }
    const auto& weights = Weighted(step);
    std::vector<double> w;
    for (const auto& n : names) {
      if (weights.empty()) {
        w.push_back(1.0);
      } else {
        auto it = weights.find(n);
        w.push_back(it == weights.end() ? 0.0 : it->second);
      }
    }
    int i = rng_->Pick(w);
    return i < 0 ? std::string() : names[static_cast<std::size_t>(i)];
  }

  bool NeedsConsentForFields(const routine::Step& step,
                             const std::string& outcome) {
    for (const auto* f : SpecsFor(step, step.FindOutcome(outcome))) {
      if (f->type == routine::FieldType::kServices && f->required) return true;
    }
    return false;
  }

  FieldValue Value(const routine::FieldSpec& f, const Actor& actor) {
    using routine::FieldType;
    switch (f.type) {
      case FieldType::kText:
        return std::string("Simulert.");
      case FieldType::kDate:
        return FormatDate(OsloDate(now_ + days(14)));
      case FieldType::kDateTime:
        return FormatUtc(now_);
      case FieldType::kService:
        return actor.service;
      case FieldType::kServices:
        return snap_.consent ? snap_.consent->services
                             : std::vector<std::string>{actor.service};
      case FieldType::kInteger:
        return std::int64_t{1};
      case FieldType::kBoolean:
        return true;
      case FieldType::kChoice:
        return f.options.empty() ? std::string() : f.options.front();
    }
    return std::string();
  }

  struct Visit {
    std::size_t step = 0;
    TimePoint entered;
    std::optional<TimePoint> due;
  };

  const routine::Routine& routine_;
  const routine::SimProfile& profile_;
  const SimOptions& options_;
  const int first_month_;
  const TimePoint end_;
  Tally& tally_;
  std::map<std::string, std::size_t> service_index_, step_index_;
  Rng* rng_ = nullptr;
  Snapshot snap_;
  TimePoint now_;
  Visit visit_;
  TimePoint baton_since_;
  bool asked_consent_ = false;
  bool offered_baton_ = false;
};

}  // namespace

void RunCases(const routine::Routine& routine,
              const routine::SimProfile& profile, const SimOptions& options,
              int first_month, TimePoint start, TimePoint end,
              const std::vector<std::string>& reporters,
              const std::vector<double>& reporter_weights, int first,
              int stride, Tally* tally) {
  CaseRun run(routine, profile, options, first_month, end, tally);
  for (int n = first; n < options.cases; n += stride) {
    run.Run(n, reporters, reporter_weights, start);
  }
}

}  // namespace stafett::engine::sim
