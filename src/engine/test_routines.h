// Test helpers for the engine: small routines built in C++ (the unit tests
// do not depend on the YAML loader), actors, commands, and a way to drive a
// case through commands that fails the test when one is refused.
#ifndef STAFETT_ENGINE_TEST_ROUTINES_H_
#define STAFETT_ENGINE_TEST_ROUTINES_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "engine/case.h"
#include "engine/engine.h"
#include "routine/model.h"

namespace stafett::engine::testing {

// Services of BtiRoutine().
inline const std::string kSchool = "skole";
inline const std::string kHealth = "helsestasjon";
inline const std::string kPpt = "ppt";
inline const std::string kChildWelfare = "barnevern";
inline const std::string kNav = "nav";

// A small BTI-like routine with every step kind and every kind of
// responsibility:
//
//   undring (concern, 0, reporter)     --konkretiser--> observasjon
//                                      --ingen_grunn--> avsluttet
//   observasjon (observation, 0, rep.) --drofte [observert_dato: date]-->
//   drofting
//                                      --avslutt--> avsluttet
//   drofting (team_meeting, 0, ppt)    --samtale [samtale_dato: date,
//                                         barnets_stemme: text?]--> vurdering
//   vurdering (evaluation, 0, rep.)    --niva1--> plan1  --niva2--> nettverk
//                                      --avslutt--> avsluttet
//   plan1 (action, 1, baton) [evaluering_dato: date]  --evaluer--> evaluering
//   evaluering (evaluation, 1, baton) [barnets_stemme: boolean]
//                                      --fortsett--> plan1  --opp--> nettverk
//                                      --avslutt--> avsluttet
//   nettverk (team_meeting, 2, baton)  --evaluer [deltakere: services]-->
//   evaluering
//                                      --ned--> plan1  --opp--> tverrfaglig
//                                      --avslutt--> avsluttet
//   tverrfaglig (team_meeting, 3, helsestasjon)
//                                      --ip [koordinator: service,
//                                            antall_tiltak: integer?,
//                                            form: choice(ip|koordinator)?]-->
//                                            ip_overfort
//                                      --ned--> nettverk
//   meldt (action, 3, reporter) = abuse_step  --videre--> tverrfaglig
//                                      --avslutt--> avsluttet
//   avsluttet (closed, 0), ip_overfort (closed, 3)
routine::Routine BtiRoutine();

// A routine whose initial step "skjema" (concern, level 0, reporter) has
// one outcome "send" to the closed step "slutt" recording `fields`.
routine::Routine RoutineWithFields(std::vector<routine::FieldSpec> fields);
routine::FieldSpec Spec(std::string name, routine::FieldType type,
                        bool required = true,
                        std::vector<std::string> options = {});

// Monday 2 March 2026, 10:00 in Oslo.
TimePoint T0();
TimePoint At(std::string_view iso);  // fails the test when unparseable
Actor As(const std::string& service, Role role = Role::kWorker);

Command OutcomeCmd(std::string outcome, Fields fields = {});
Command ConsentCmd(std::vector<std::string> services,
                   std::string valid_until = "2026-12-31",
                   std::string given_by = "guardians");
Command WithdrawCmd();
Command ExpireCmd();
Command OfferCmd(std::string to_service);
Command AcceptCmd();
Command DeclineCmd();
Command NoteCmd(std::string text = "Samtale med kontaktlærer.");
Command ReportCmd();
Command CloseCmd(std::string reason = "Bekymringen er avklart.");

// Opens a case of `routine` reported by `reporter` at `now`.
Snapshot Opened(const routine::Routine& routine,
                const std::string& reporter = kSchool, TimePoint now = T0());

// Applies `cmd` and returns the new snapshot; adds a test failure (and
// returns `snap` unchanged) when the command is refused.
Snapshot Must(const routine::Routine& routine, const Snapshot& snap,
              const Command& cmd, const std::string& service,
              TimePoint now = T0());

// BtiRoutine case reported by the school, moved to `step` along the routine
// with whatever consent the way needs (skole, helsestasjon, ppt until
// 2026-12-31) and with the school holding the baton from level 1 on.
// `step` is any non-closed step of BtiRoutine.
Snapshot BtiCaseAt(const routine::Routine& routine, const std::string& step);

// Values for `spec` that ValidateFields accepts in BtiRoutine.
FieldValue ValidValue(const routine::FieldSpec& spec);
// Valid values for every required field of the outcome (and its step).
Fields ValidFields(const routine::Step& step, const routine::Outcome& outcome);

}  // namespace stafett::engine::testing

#endif  // STAFETT_ENGINE_TEST_ROUTINES_H_
