#include "notify/message_texts.h"

namespace stafett::notify::internal {

namespace {

std::string Quoted(const std::string& s) { return "«" + s + "»"; }

}  // namespace

std::string StepName(const Content& c) {
  return c.step_title.empty() ? c.step : c.step_title;
}

namespace {

std::string ServicePhrase(const Content& c) {
  return c.service_name.empty() ? c.service : c.service_name;
}

// Language index (core/deadline_words.h): 0 nb, 1 nn, 2 se, 3 en.
const std::string& Pick(int lang, const std::string& nb, const std::string& nn,
                        const std::string& se, const std::string& en) {
  switch (lang) {
    case 1:
      return nn;
    case 2:
      return se;
    case 3:
      return en;
    default:
      return nb;
  }
}

}  // namespace

Text TextFor(const Content& c, int L) {
  const std::string& ref = c.reference;
  const std::string svc = ServicePhrase(c);
  const std::string& e = c.event;
  const std::string step = StepName(c);
  // "steget «X»" / "the step “X”", or the case when there is no step.
  const std::string sp_nb = step.empty() ? "saken" : "steget " + Quoted(step);
  const std::string sp_nn = step.empty() ? "saka" : "steget " + Quoted(step);
  const std::string sp_en =
      step.empty() ? "the case" : "the step “" + step + "”";
  const std::string sp_se = step.empty() ? "ášši" : "lávkki " + Quoted(step);
  auto T = [&](std::string nb, std::string nn, std::string se, std::string en) {
    return Pick(L, nb, nn, se, en);
  };
  if (e == "step_assigned") {
    return {
        T("Ny oppgave: ", "Ny oppgåve: ", "Ođđa bargu: ", "New task: ") + ref,
        T(svc + " er ansvarlig for " + sp_nb + " i sak " + ref + ".",
          svc + " er ansvarleg for " + sp_nn + " i sak " + ref + ".",
          svc + " lea ovddasvástideaddji: " + sp_se + ", ášši " + ref + ".",
          svc + " is responsible for " + sp_en + " in case " + ref + ".")};
  }
  if (e == "baton_offered") {
    return {
        T("Stafettpinnen er tilbudt dere: ", "Stafettpinnen er tilboden dykk: ",
          "Stafeahttasoabbi fállojuvvo didjiide: ",
          "You are offered the baton: ") +
            ref,
        T(svc + " har fått tilbud om stafettpinnen i sak " + ref +
              ". Godta eller avslå tilbudet i Stafett. Den som har "
              "pinnen nå, beholder ansvaret til dere har svart.",
          svc + " har fått tilbod om stafettpinnen i sak " + ref +
              ". Godta eller avslå tilbodet i Stafett. Den som har "
              "pinnen no, held fram med ansvaret til de har svart.",
          svc + " lea ožžon fálaldaga stafeahttasoappis, ášši " + ref +
              ". Vuostáiváldde dahje hilgo fálaldaga Stafettas. "
              "Stafeahttaoamasteaddji lea ovddasvástideaddji dassážii "
              "go dii lehpet vástidan.",
          svc + " has been offered the baton in case " + ref +
              ". Accept or decline the offer in Stafett. The current "
              "holder stays responsible until you answer.")};
  }
  if (e == "baton_accepted") {
    return {
        T("Stafettpinnen er overtatt: ", "Stafettpinnen er overteken: ",
          "Stafeahttasoabbi lea vuostáiváldon: ",
          "The baton has been taken over: ") +
            ref,
        T("Stafettpinnen i sak " + ref +
              " er tatt imot av en annen tjeneste. " + svc +
              " er ikke lenger stafettholder.",
          "Stafettpinnen i sak " + ref + " er teken imot av ei anna teneste. " +
              svc + " er ikkje lenger stafetthaldar.",
          "Nubbi bálvalus lea vuostáiváldán stafeahttasoabbi, ášši " + ref +
              ". " + svc + " ii leat šat stafeahttaoamasteaddji.",
          "The baton in case " + ref +
              " has been accepted by another service. " + svc +
              " is no longer the baton holder.")};
  }
  if (e == "baton_declined") {
    return {T("Tilbudet om stafettpinnen ble avslått: ",
              "Tilbodet om stafettpinnen vart avslått: ",
              "Fálaldat stafeahttasoappis hilgojuvvui: ",
              "The baton offer was declined: ") +
                ref,
            T("Tilbudet om stafettpinnen i sak " + ref +
                  " ble avslått. Finn en ny stafettholder sammen med "
                  "familien.",
              "Tilbodet om stafettpinnen i sak " + ref +
                  " vart avslått. Finn ein ny stafetthaldar saman med "
                  "familien.",
              "Fálaldat stafeahttasoappis hilgojuvvui, ášši " + ref +
                  ". Gávnnat ođđa stafeahttaoamasteaddji ovttas bearrašiin.",
              "The offer of the baton in case " + ref +
                  " was declined. Find a new baton holder together with the "
                  "family.")};
  }
  if (e == "access_revoked") {
    return {T("Tilgangen til en sak er fjernet: ",
              "Tilgangen til ei sak er fjerna: ",
              "Beassan áššái lea sihkkojuvvon: ",
              "Access to a case has been removed: ") +
                ref,
            T(svc + " har ikke lenger tilgang til sak " + ref +
                  ", fordi samtykket ikke lenger omfatter tjenesten.",
              svc + " har ikkje lenger tilgang til sak " + ref +
                  ", fordi samtykket ikkje lenger omfattar tenesta.",
              "Beassan sihkkojuvvui, ášši " + ref + ": " + svc +
                  " ii leat šat miehtama vuolde.",
              svc + " no longer has access to case " + ref +
                  ", because the consent no longer covers the service.")};
  }
  if (e == "deadline_approaching") {
    return {T("Fristen nærmer seg: ", "Fristen nærmar seg: ",
              "Áigemearri lahkona: ", "Deadline approaching: ") +
                ref,
            T("Fristen for " + sp_nb + " i sak " + ref + " nærmer seg. " + svc +
                  " er ansvarlig.",
              "Fristen for " + sp_nn + " i sak " + ref + " nærmar seg. " + svc +
                  " er ansvarleg.",
              "Áigemearri lahkona: " + sp_se + ", ášši " + ref + ". " + svc +
                  " lea ovddasvástideaddji.",
              "The deadline for " + sp_en + " in case " + ref +
                  " is approaching. " + svc + " is responsible.")};
  }
  if (e == "deadline_missed") {
    return {T("Fristen er oversittet: ", "Fristen er oversitten: ",
              "Áigemearri manai: ", "Deadline missed: ") +
                ref,
            T("Fristen for " + sp_nb + " i sak " + ref + " er oversittet. " +
                  svc + " er ansvarlig.",
              "Fristen for " + sp_nn + " i sak " + ref + " er oversitten. " +
                  svc + " er ansvarleg.",
              "Áigemearri manai: " + sp_se + ", ášši " + ref + ". " + svc +
                  " lea ovddasvástideaddji.",
              "The deadline for " + sp_en + " in case " + ref +
                  " has been missed. " + svc + " is responsible.")};
  }
  if (e == "deadline_escalated") {
    const bool baton = c.deadline_kind == "baton";
    const bool team = c.audience == "team";
    std::string what =
        baton ? T("Stafettpinnen i sak " + ref +
                      " er tilbudt, men ikke tatt imot, og fristen for å "
                      "svare er oversittet",
                  "Stafettpinnen i sak " + ref +
                      " er tilboden, men ikkje teken imot, og fristen for å "
                      "svare er oversitten",
                  "Stafeahttasoabbi lea fállojuvvon, muhto ii vuostáiváldon, "
                  "ja vástidanáigemearri manai, ášši " +
                      ref,
                  "The baton in case " + ref +
                      " was offered but not accepted, and the deadline to "
                      "answer has passed")
              : T("Fristen for " + sp_nb + " i sak " + ref +
                      " er oversittet og ikke fulgt opp",
                  "Fristen for " + sp_nn + " i sak " + ref +
                      " er oversitten og ikkje følgd opp",
                  "Áigemearri manai, iige leat čuovvoluvvon: " + sp_se +
                      ", ášši " + ref,
                  "The deadline for " + sp_en + " in case " + ref +
                      " has been missed and not followed up");
    if (team) {
      return {T("Oversittet frist: ", "Oversitten frist: ",
                "Áigemearri manai: ", "Missed deadline: ") +
                  ref,
              what + T(". Du får dette varselet som " + svc + ".",
                       ". Du får dette varselet som " + svc + ".",
                       ". Vuostáiváldi: " + svc + ".",
                       ". You receive this notice as " + svc + ".")};
    }
    return {
        T("Oversittet frist til leder: ", "Oversitten frist til leiar: ",
          "Áigemearri manai, jođiheaddjái: ",
          "Missed deadline for the leader: ") +
            ref,
        what + T(". Du får dette varselet som leder for " + svc + ".",
                 ". Du får dette varselet som leiar for " + svc + ".",
                 ". Don oaččut dán dieđu jođiheaddjin: " + svc + ".",
                 ". You receive this notice as the leader of " + svc + ".")};
  }
  if (e == "baton_not_accepted") {
    return {T("Stafettpinnen er ikke tatt imot: ",
              "Stafettpinnen er ikkje teken imot: ",
              "Stafeahttasoabbi ii leat vuostáiváldon: ",
              "The baton has not been accepted: ") +
                ref,
            T("Stafettpinnen i sak " + ref +
                  " er tilbudt, men ikke tatt imot innen fristen. Saken skal "
                  "aldri stå uten en stafettholder som har takket ja.",
              "Stafettpinnen i sak " + ref +
                  " er tilboden, men ikkje teken imot innan fristen. Saka "
                  "skal aldri stå utan ein stafetthaldar som har takka ja.",
              "Stafeahttasoabbi lea fállojuvvon, muhto ii leat vuostáiváldon "
              "áigemeari siste, ášši " +
                  ref + ".",
              "The baton in case " + ref +
                  " was offered but not accepted before the deadline. A case "
                  "must never be left without a baton holder who has said "
                  "yes.")};
  }
  if (e == "consent_expiring") {
    return {T("Samtykket utløper snart: ", "Samtykket går ut snart: ",
              "Miehtan nohká fargga: ", "Consent expires soon: ") +
                ref,
            T("Samtykket i sak " + ref +
                  " utløper snart. Snakk med foresatte (eller ungdommen selv, "
                  "fra 15 år) om det skal fornyes.",
              "Samtykket i sak " + ref +
                  " går ut snart. Snakk med dei føresette (eller ungdommen "
                  "sjølv, frå 15 år) om det skal fornyast.",
              "Miehtan nohká fargga, ášši " + ref + ".",
              "The consent in case " + ref +
                  " expires soon. Talk with the guardians (or the young "
                  "person, from 15) about renewing it.")};
  }
  if (e == "child_welfare_unconfirmed") {
    return {T("Melding til barnevernet er ikke bekreftet: ",
              "Melding til barnevernet er ikkje stadfesta: ",
              "Dieđáhus mánáidsuodjalussii ii leat duođaštuvvon: ",
              "Report to child welfare not confirmed: ") +
                ref,
            T("En melding til barnevernet ble registrert i sak " + ref +
                  ", men er ikke bekreftet sendt samme dag. "
                  "Opplysningsplikten skal oppfylles straks.",
              "Ei melding til barnevernet vart registrert i sak " + ref +
                  ", men er ikkje stadfesta send same dag. "
                  "Opplysningsplikta skal oppfyllast straks.",
              "Dieđáhus mánáidsuodjalussii registrerejuvvui, ášši " + ref +
                  ", muhto ii leat duođaštuvvon seamma beaivve.",
              "A report to child welfare was recorded in case " + ref +
                  " but has not been confirmed as sent the same day. The "
                  "duty to report must be fulfilled at once.")};
  }
  // fmtcore (issue 12): a measure's owner hears of it; the description
  // stays in Stafett (the notice carries no content).
  if (e == "measure_assigned") {
    return {T("Nytt tiltak: ", "Nytt tiltak: ", "Ođđa doaibmabidju: ",
              "New measure: ") +
                ref,
            T(svc + " er ansvarlig for et tiltak i sak " + ref +
                  ". Evalueringsdatoen står i saken i Stafett.",
              svc + " er ansvarleg for eit tiltak i sak " + ref +
                  ". Evalueringsdatoen står i saka i Stafett.",
              svc + " lea ovddasvástideaddji doaibmabijus, ášši " + ref +
                  ". Árvvoštallanbeaivi lea áššis Stafettas.",
              svc + " is responsible for a measure in case " + ref +
                  ". The evaluation date is in the case in Stafett.")};
  }
  return {T("Varsel: ", "Varsel: ", "Dieđáhus: ", "Notice: ") + ref,
          T("Det har skjedd noe i sak " + ref + " (hendelse: " + e + ").",
            "Det har skjedd noko i sak " + ref + " (hending: " + e + ").",
            "Juoga lea dáhpáhuvvan, ášši " + ref + " (dáhpáhus: " + e + ").",
            "Something has happened in case " + ref + " (event: " + e + ").")};
}

}  // namespace stafett::notify::internal
