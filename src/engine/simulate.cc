#include "engine/simulate.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <thread>

#include "core/deadline.h"
#include "engine/engine.h"
#include "engine/fields.h"

namespace stafett::engine {
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

int MonthIndex(year_month_day d) {
  return static_cast<int>(d.year()) * 12 +
         static_cast<int>(static_cast<unsigned>(d.month())) - 1;
}

// What one thread accumulates; merged in a fixed order at the end.
struct Tally {
  int closed = 0, open = 0, consent_refused = 0, refusals = 0;
  std::vector<std::vector<int>> steps_entered, batons_held, meetings;
  std::vector<int> visits, finished, missed;
  std::vector<std::vector<double>> step_days;  // finished visits
  std::vector<double> case_days;               // per step
  std::vector<double> close_days;

  Tally(std::size_t services, std::size_t steps, int months)
      : steps_entered(services, std::vector<int>(months)),
        batons_held(services, std::vector<int>(months)),
        meetings(services, std::vector<int>(months)),
        visits(steps),
        finished(steps),
        missed(steps),
        step_days(steps),
        case_days(steps) {}
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

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  // Nearest rank, as the compliance report does.
  std::size_t rank = static_cast<std::size_t>(std::ceil(p * v.size()));
  return v[std::max<std::size_t>(rank, 1) - 1];
}

Status Check(const SimOptions& o) {
  if (o.cases < 1 || o.cases > 10'000'000) {
    return Status::Invalid("Antall saker skal være 1 til 10 000 000.", "cases");
  }
  if (o.months < 1 || o.months > 120) {
    return Status::Invalid("Antall måneder skal være 1 til 120.", "months");
  }
  if (o.threads < 1 || o.threads > 64) {
    return Status::Invalid("Antall tråder skal være 1 til 64.", "threads");
  }
  if (!o.start.ok()) {
    return Status::Invalid("Startdatoen er ikke en dato.", "start");
  }
  return Status();
}

}  // namespace

Result<SimResult> Simulate(const routine::Routine& routine,
                           const routine::SimProfile& profile,
                           const SimOptions& options) {
  if (Status s = Check(options); !s.ok()) return s;
  const year_month_day first{options.start.year(), options.start.month(),
                             std::chrono::day{1}};
  const TimePoint start = OsloStartOfDay(first);
  const auto last = std::chrono::year_month{first.year(), first.month()} +
                    std::chrono::months{options.months};
  const TimePoint end = OsloStartOfDay(
      year_month_day{last.year(), last.month(), std::chrono::day{1}});

  std::vector<std::string> reporters;
  std::vector<double> weights;
  for (const auto& s : routine.services) {
    double w = 0;
    if (!profile.arrivals.empty()) {
      auto it = profile.arrivals.find(s.id);
      w = it == profile.arrivals.end() ? 0 : it->second;
    } else if (s.kind == routine::ServiceKind::kKindergarten ||
               s.kind == routine::ServiceKind::kSchool) {
      w = 1;
    }
    reporters.push_back(s.id);
    weights.push_back(w);
  }
  if (std::all_of(weights.begin(), weights.end(),
                  [](double w) { return w <= 0; })) {
    if (!profile.arrivals.empty()) {
      return Status::Invalid(
          "Profilen gir ingen tjeneste som melder saker (alle vekter er 0).",
          "arrivals");
    }
    std::fill(weights.begin(), weights.end(), 1.0);
  }

  const int first_month = MonthIndex(first);
  const int threads = std::min(options.threads, options.cases);
  std::vector<Tally> tallies(
      threads,
      Tally(routine.services.size(), routine.steps.size(), options.months));
  auto work = [&](int t) {
    CaseRun run(routine, profile, options, first_month, end, &tallies[t]);
    // Interleaved, so every thread gets early and late arrivals alike.
    for (int n = t; n < options.cases; n += threads) {
      run.Run(n, reporters, weights, start);
    }
  };
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
    for (auto& th : pool) th.join();
  }

  // Merge in thread order; sums and sorted samples make it order-free.
  Tally all(routine.services.size(), routine.steps.size(), options.months);
  for (const Tally& t : tallies) {
    all.closed += t.closed;
    all.open += t.open;
    all.consent_refused += t.consent_refused;
    all.refusals += t.refusals;
    for (std::size_t s = 0; s < routine.services.size(); ++s) {
      for (int m = 0; m < options.months; ++m) {
        all.steps_entered[s][m] += t.steps_entered[s][m];
        all.batons_held[s][m] += t.batons_held[s][m];
        all.meetings[s][m] += t.meetings[s][m];
      }
    }
    for (std::size_t i = 0; i < routine.steps.size(); ++i) {
      all.visits[i] += t.visits[i];
      all.finished[i] += t.finished[i];
      all.missed[i] += t.missed[i];
      all.case_days[i] += t.case_days[i];
      all.step_days[i].insert(all.step_days[i].end(), t.step_days[i].begin(),
                              t.step_days[i].end());
    }
    all.close_days.insert(all.close_days.end(), t.close_days.begin(),
                          t.close_days.end());
  }

  SimResult r;
  r.cases = options.cases;
  r.closed = all.closed;
  r.open = all.open;
  r.consent_refused = all.consent_refused;
  r.refusals = all.refusals;
  for (int m = 0; m < options.months; ++m) {
    auto ym = std::chrono::year_month{first.year(), first.month()} +
              std::chrono::months{m};
    r.months.push_back(
        FormatDate(year_month_day{ym.year(), ym.month(), std::chrono::day{1}})
            .substr(0, 7));
  }
  for (std::size_t s = 0; s < routine.services.size(); ++s) {
    r.load.push_back(SimServiceLoad{routine.services[s].id,
                                    all.steps_entered[s], all.batons_held[s],
                                    all.meetings[s]});
  }
  for (std::size_t i = 0; i < routine.steps.size(); ++i) {
    const auto& days_in = all.step_days[i];
    double sum = 0;
    for (double d : days_in) sum += d;
    r.steps.push_back(SimStepStats{
        routine.steps[i].id, routine.steps[i].level, all.visits[i],
        all.finished[i], all.missed[i],
        days_in.empty() ? 0 : sum / static_cast<double>(days_in.size()),
        Percentile(days_in, 0.9), all.case_days[i]});
  }
  r.close_median_days = Percentile(all.close_days, 0.5);
  r.close_p90_days = Percentile(all.close_days, 0.9);

  std::vector<const SimStepStats*> ranked;
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    if (routine.steps[i].kind != routine::StepKind::kClosed &&
        r.steps[i].case_days > 0) {
      ranked.push_back(&r.steps[i]);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto* a, const auto* b) {
                     if (a->case_days != b->case_days)
                       return a->case_days > b->case_days;
                     return a->missed > b->missed;
                   });
  for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) {
    r.bottlenecks.push_back(ranked[i]->step);
  }
  return r;
}

}  // namespace stafett::engine
