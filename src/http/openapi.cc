// The OpenAPI 3.0 document of /api/v1, written by hand so that it says what
// the routes promise rather than what a generator infers. openapi_test.cc
// checks that it parses and that its paths and methods are exactly the
// Api's routes.
#include "http/routes.h"

namespace stafett::http {

const std::string& OpenApiDocument() {
  static const std::string kDoc = R"JSON({
  "openapi": "3.0.3",
  "info": {
    "title": "Stafett API",
    "version": "1",
    "description": "Saksflyt for tidlig innsats (BTI, 0-24). Sakene er anonyme: ingen navn eller fødselsnummer lagres. Alle feil er application/problem+json (RFC 9457) med tekst på bokmål. Se docs/api.md."
  },
  "servers": [{"url": "/"}],
  "security": [{"bearer": []}, {"session": []}],
  "paths": {
    "/healthz": {
      "get": {
        "summary": "Prosessen lever",
        "security": [],
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}
      }
    },
    "/readyz": {
      "get": {
        "summary": "Databasen svarer",
        "security": [],
        "responses": {
          "200": {"description": "Klar", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "summary": "Dette dokumentet",
        "responses": {"200": {"description": "OpenAPI 3", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/cases": {
      "get": {
        "summary": "Arbeidsliste",
        "description": "Åpne saker i kommunen som tjenesten din har tilgang til, sortert etter frist. En side kan ha færre enn limit saker; følg next_cursor til den er null.",
        "parameters": [
          {"name": "service", "in": "query", "schema": {"type": "string"}, "description": "Ansvarlig tjeneste"},
          {"name": "step", "in": "query", "schema": {"type": "string"}},
          {"name": "level", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 3}},
          {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["open", "closed", "any"], "default": "open"}},
          {"name": "overdue", "in": "query", "schema": {"type": "boolean", "default": false}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
          {"name": "cursor", "in": "query", "schema": {"type": "string"}},
          {"name": "reference", "in": "query", "schema": {"type": "string", "example": "DEMO-2026-0007"}, "description": "Én sak etter referanse (store/små bokstaver og mellomrom rundt likegyldig). Gir saken hvis tjenesten din ser den, ellers en tom liste, aldri 404. Uten status finnes også avsluttede saker."},
          {"$ref": "#/components/parameters/Reason"},
          {"$ref": "#/components/parameters/ReasonHeader"}
        ],
        "responses": {
          "200": {"description": "Én side", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Worklist"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      },
      "post": {
        "summary": "Meld en bekymring (opprett sak)",
        "description": "Kommune og meldende tjeneste kommer fra tokenet. Fritekst kontrolleres for fødselsnummer, telefonnummer og e-post før noe lagres.",
        "parameters": [{"$ref": "#/components/parameters/IdempotencyKey"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewCase"}}}},
        "responses": {
          "201": {
            "description": "Opprettet",
            "headers": {"Location": {"schema": {"type": "string"}}, "ETag": {"schema": {"type": "string"}}},
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Case"}}}
          },
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "413": {"$ref": "#/components/responses/Problem"},
          "415": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/cases/{id}": {
      "get": {
        "summary": "Én sak",
        "description": "Hver lesing føres i tilgangsloggen, med begrunnelsen fra X-Access-Reason eller ?reason=.",
        "parameters": [{"$ref": "#/components/parameters/CaseId"}, {"$ref": "#/components/parameters/Reason"}, {"$ref": "#/components/parameters/ReasonHeader"}],
        "responses": {
          "200": {"description": "Saken", "headers": {"ETag": {"schema": {"type": "string"}, "description": "Saksversjonen i anførselstegn, f.eks. \"3\""}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Case"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/cases/{id}/commands": {
      "post": {
        "summary": "Gjør én handling i saken",
        "parameters": [
          {"$ref": "#/components/parameters/CaseId"},
          {"name": "If-Match", "in": "header", "required": false, "schema": {"type": "string"}, "description": "Saksversjonen (ETag). Påkrevd for alle kommandoer unntatt report_child_welfare."},
          {"$ref": "#/components/parameters/IdempotencyKey"}
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Command"}}}},
        "responses": {
          "200": {"description": "Saken etter handlingen", "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Case"}, {"$ref": "#/components/schemas/HiddenCase"}]}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "412": {"$ref": "#/components/responses/Problem"},
          "413": {"$ref": "#/components/responses/Problem"},
          "415": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"},
          "428": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/cases/{id}/log": {
      "get": {
        "summary": "Stafettloggen",
        "parameters": [{"$ref": "#/components/parameters/CaseId"}, {"$ref": "#/components/parameters/Reason"}, {"$ref": "#/components/parameters/ReasonHeader"}],
        "responses": {
          "200": {"description": "Alle hendelser i rekkefølge", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaseLog"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/cases/{id}/access-log": {
      "get": {
        "summary": "Tilgangsloggen for en sak (administrator): hvem leste eller endret saken, når og hvorfor",
        "description": "Lesingen registreres selv. Revisor (auditor) får 403: revisorer ser bare samlede tall.",
        "parameters": [{"$ref": "#/components/parameters/CaseId"}, {"$ref": "#/components/parameters/Reason"}, {"$ref": "#/components/parameters/ReasonHeader"}],
        "responses": {
          "200": {"description": "Oppføringene i tidsrekkefølge", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AccessLog"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/cases/{id}/export": {
      "get": {
        "summary": "Stafettloggen som kopi til de foresatte (innsyn, personvernforordningen art. 15): PDF eller JSON, bokmål eller nynorsk",
        "description": "{id} er saks-id-en eller saksreferansen (f.eks. NES-2026-0042). Bare teamroller i en tjeneste som kan se saken. Eksporten registreres i tilgangsloggen. Dokumentet har referansen og eksportdatoen, stegene, hendelsene med notater og samtykkehistorikken, og ingen interne id-er.",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "format", "in": "query", "required": false, "schema": {"type": "string", "enum": ["pdf", "json"], "default": "pdf"}},
          {"name": "lang", "in": "query", "required": false, "schema": {"type": "string", "enum": ["nb", "nn"], "default": "nb"}},
          {"$ref": "#/components/parameters/Reason"}, {"$ref": "#/components/parameters/ReasonHeader"}
        ],
        "responses": {
          "200": {"description": "Kopien", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}, "application/json": {"schema": {"type": "object"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/routines": {
      "get": {
        "summary": "Kommunens rutiner",
        "responses": {"200": {"description": "Gjeldende rutiner, hver med «versions» (nyeste først: version, hash, published_at, current, open_cases: åpne saker på versjonen for rollen admin, ellers null)", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/RoutineHead"}}}}}}}, "401": {"$ref": "#/components/responses/Problem"}}
      },
      "post": {
        "summary": "Publiser en rutineversjon (administrator); gjelder på alle replikaer innen sekunder",
        "requestBody": {"required": true, "content": {"application/yaml": {"schema": {"type": "string"}}, "text/plain": {"schema": {"type": "string"}}}},
        "responses": {
          "201": {"description": "Publisert", "content": {"application/json": {"schema": {"type": "object", "properties": {"id": {"type": "string"}, "version": {"type": "integer"}, "hash": {"type": "string"}, "published_at": {"type": "string", "format": "date-time"}}}}}},
          "200": {"description": "Samme innhold var allerede publisert (idempotent)", "content": {"application/json": {"schema": {"type": "object"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "409": {"description": "code version_exists (samme versjon, annet innhold: øk versjonen), version_not_newer eller prefix_taken", "content": {"application/problem+json": {"schema": {"type": "object"}}}},
          "415": {"$ref": "#/components/responses/Problem"},
          "422": {"description": "Rutinen har feil; «diagnostics» med line, column, severity, code, message, suggestion", "content": {"application/problem+json": {"schema": {"type": "object"}}}}
        }
      }
    },
    "/api/v1/routines/check": {
      "post": {
        "summary": "Sjekk en rutine før publisering (administrator): feil med linje og kolonne, endringer mot gjeldende versjon, åpne saker på steg som endres. Endrer ingenting.",
        "requestBody": {"required": true, "content": {"application/yaml": {"schema": {"type": "string"}}, "text/plain": {"schema": {"type": "string"}}}},
        "responses": {
          "200": {"description": "ok, routine, diagnostics, diff, affected, publishable, already_published, refusal", "content": {"application/json": {"schema": {"type": "object", "properties": {"ok": {"type": "boolean"}, "publishable": {"type": "boolean"}, "diagnostics": {"type": "array", "items": {"type": "object"}}, "diff": {"type": ["object", "null"]}, "affected": {"type": ["object", "null"]}, "refusal": {"type": ["object", "null"]}}}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "415": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/routines/{id}/migrations": {
      "post": {
        "summary": "Flytt åpne saker til en lagret versjon (administrator); hver sak i sin egen transaksjon",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["to"], "properties": {
          "to": {"type": "integer", "minimum": 1},
          "map": {"type": "object", "additionalProperties": {"type": "string"}, "description": "gammelt steg -> nytt steg"},
          "dry_run": {"type": "boolean", "default": false}}}}}},
        "responses": {
          "200": {"description": "dry_run, to, total, migrated, already, refused, by_step, refusals", "content": {"application/json": {"schema": {"type": "object"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "422": {"description": "Saker uten mål: ingenting er flyttet; samme felt som 200 i problem-objektet", "content": {"application/problem+json": {"schema": {"type": "object"}}}}
        }
      }
    },
    "/api/v1/routines/{id}": {
      "get": {
        "summary": "Én rutine med steg og diagram",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "version", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1}, "description": "en lagret versjon (standard: gjeldende)"}],
        "responses": {"200": {"description": "Rutinen (med current: om versjonen er gjeldende)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Routine"}}}}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/routines/simulate": {
      "post": {
        "summary": "Simuler en rutine eller et utkast (administrator): belastning per tjeneste per måned, fristbrudd per steg, tid til avslutning",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {
          "routine": {"type": "string", "description": "en rutine kommunen bruker (eller source)"},
          "source": {"type": "string", "description": "et rutineutkast i YAML (eller routine)"},
          "profile": {"type": "string", "description": "simuleringsprofil i YAML (workflows/README.md)"},
          "cases": {"type": "integer", "minimum": 1, "maximum": 20000, "default": 1000},
          "months": {"type": "integer", "minimum": 1, "maximum": 120, "default": 12},
          "seed": {"type": "integer", "minimum": 0, "default": 1},
          "start": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "default": "2027-01"}}}}}},
        "responses": {
          "200": {"description": "Resultatet (JSON; CSV med Accept: text/csv)", "content": {"application/json": {"schema": {"type": "object", "properties": {"routine": {"type": "object"}, "result": {"type": "object"}}}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "422": {"description": "Ugyldig forespørsel; et utkast eller en profil med feil har «diagnostics» med linje og kolonne", "content": {"application/problem+json": {"schema": {"type": "object"}}}}
        }
      }
    },
    "/api/v1/notifications": {
      "get": {
        "summary": "Varsler i kommunens utboks (administrator); standard er de som har feilet",
        "parameters": [
          {"name": "status", "in": "query", "required": false, "schema": {"type": "string", "enum": ["failed", "pending", "delivered"], "default": "failed"}},
          {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
          {"name": "cursor", "in": "query", "required": false, "schema": {"type": "string"}}
        ],
        "responses": {"200": {"description": "Én side, nyeste først", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotificationPage"}}}}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/notifications/{id}/retry": {
      "post": {
        "summary": "Send et varsel som har feilet på nytt (administrator); kanaler som allerede har tatt imot det, hoppes over",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"}}],
        "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"200": {"description": "Varselet er i kø igjen", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Notification"}}}}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}, "415": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/notifications/summary": {
      "get": {
        "summary": "Kommunens utboks i tall (administrator): ventende, feilet, levert, eldste ventende og leveringstid siste døgn",
        "responses": {"200": {"description": "Tallene for kommunen", "content": {"application/json": {"schema": {"type": "object", "properties": {"tenant": {"type": "string"}, "at": {"type": "string", "format": "date-time"}, "outbox": {"type": "object", "properties": {"pending": {"type": "integer"}, "failed": {"type": "integer"}, "delivered": {"type": "integer"}}}, "oldest_pending_age_seconds": {"type": "number"}, "delivered_last_24h": {"type": "object", "properties": {"count": {"type": "integer"}, "mean_seconds": {"type": "number", "nullable": true}, "max_seconds": {"type": "number", "nullable": true}}}}}}}}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/access-log": {
      "get": {
        "summary": "Tilgangsloggen for en sak funnet ved referansen (administrator): hvem leste, når og hvorfor",
        "parameters": [
          {"name": "reference", "in": "query", "required": true, "schema": {"type": "string", "maxLength": 64}, "description": "Sakens referanse, for eksempel DEMO-2026-0001"},
          {"$ref": "#/components/parameters/Reason"},
          {"$ref": "#/components/parameters/ReasonHeader"}
        ],
        "responses": {"200": {"description": "Oppføringene, eldste først", "content": {"application/json": {"schema": {"type": "object", "properties": {"reference": {"type": "string"}, "entries": {"type": "array", "items": {"type": "object"}}}}}}}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/retention": {
      "get": {
        "summary": "Sletting og arkivering i kommunen (administrator): hva som forfaller, slettelogg (bare tall) og arkivleveranser som har feilet",
        "responses": {"200": {"description": "Status", "content": {"application/json": {"schema": {"type": "object", "properties": {"tenant": {"type": "string"}, "due_now": {"type": "object"}, "due_next_30_days": {"type": "integer"}, "purged": {"type": "array", "items": {"type": "object"}}, "archive": {"type": "object"}}}}}}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/reports/compliance": {
      "get": {
        "summary": "Etterlevelse av rutinen (auditor, admin): anonyme tall per gruppe, små tall prikket",
        "description": "Tallene gjelder stegbesøk som begynte i perioden (hele måneder, Europe/Oslo). Hvert tall er en sum av avrundede celler, et multiplum av minste gruppestørrelse (standard 5), slik at ingen telling fra 1 til 4 kan regnes ut av rapportene; et tall revisjonen holder tilbake er null og står i suppressed. Se docs/audit.md. CSV med Accept: text/csv.",
        "parameters": [
          {"name": "from", "in": "query", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}, "description": "Første måned, ÅÅÅÅ-MM"},
          {"name": "to", "in": "query", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}, "description": "Siste måned, ÅÅÅÅ-MM (høyst 120 måneder)"},
          {"name": "group_by", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Kommaliste av service, unit, step, level, routine_version, sjumilssteget, month, year"},
          {"$ref": "#/components/parameters/Reason"},
          {"$ref": "#/components/parameters/ReasonHeader"}
        ],
        "responses": {
          "200": {"description": "Rapporten", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}, "text/csv": {"schema": {"type": "string"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/reports/kommuneanalyse": {
      "get": {
        "summary": "Kommuneanalyse for Statsforvalteren (auditor, admin): per år og Sjumilssteget-steg, med samme prikking",
        "parameters": [
          {"name": "from", "in": "query", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}, "description": "Første år"},
          {"name": "to", "in": "query", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}, "description": "Siste år (høyst 10 år)"},
          {"$ref": "#/components/parameters/Reason"},
          {"$ref": "#/components/parameters/ReasonHeader"}
        ],
        "responses": {
          "200": {"description": "Analysen", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}, "text/csv": {"schema": {"type": "string"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus-metrikker (utboks, leveringsforsøk, fristforsinkelse); eget token i STAFETT_METRICS_TOKEN",
        "security": [{"metrics": []}],
        "responses": {"200": {"description": "Prometheus tekstformat 0.0.4", "content": {"text/plain": {"schema": {"type": "string"}}}}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/auth/dev/login": {
      "post": {
        "summary": "Utviklingsinnlogging: velg kommune, tjeneste og rolle",
        "description": "Finnes bare når tjenesten lytter på 127.0.0.1/::1 og har en tokennøkkel, og forespørselen ikke kom gjennom en proxy; ellers 404. Setter øktkaken (HttpOnly, SameSite=Strict). Se docs/security.md.",
        "security": [],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["tenant", "service", "role"], "properties": {"tenant": {"type": "string"}, "service": {"type": "string"}, "role": {"type": "string", "enum": ["worker", "coordinator", "unit_leader", "auditor", "admin"]}, "person": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"}}}}}},
        "responses": {"204": {"description": "Innlogget", "headers": {"Set-Cookie": {"schema": {"type": "string"}}}}, "400": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/auth/dev/options": {
      "get": {
        "summary": "Valgene for utviklingsinnlogging",
        "security": [],
        "responses": {"200": {"description": "Kommuner, tjenester og roller", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DevOptions"}}}}, "404": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/auth/session": {
      "get": {
        "summary": "Økten bak øktkaken, med CSRF-tokenet",
        "security": [{"session": []}],
        "responses": {"200": {"description": "Innlogget", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Session"}}}}, "401": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/auth/logout": {
      "post": {
        "summary": "Logg ut: avslutter økten straks og sletter kaken",
        "description": "Med en levende økt kreves Origin og X-CSRF-Token som for alle endringer med kaken. Uten innhold.",
        "security": [{"session": []}],
        "parameters": [{"$ref": "#/components/parameters/CsrfToken"}],
        "responses": {"204": {"description": "Logget ut", "headers": {"Set-Cookie": {"schema": {"type": "string"}}}}, "403": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/pii/check": {
      "post": {
        "summary": "Finn fødselsnummer, telefonnummer og e-post i en tekst mens den skrives",
        "description": "Lagrer og logger ingenting (verken teksten eller funnene). start og end er UTF-16-posisjoner (JavaScript-indekser), end er eksklusiv. Samme kontroll som ved innsending av en sak (422 pii_found).",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["text"], "properties": {"text": {"type": "string"}}}}}},
        "responses": {"200": {"description": "Funnene (tom liste når teksten er fri for identifikatorer)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PiiFindings"}}}}, "400": {"$ref": "#/components/responses/Problem"}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "413": {"$ref": "#/components/responses/Problem"}, "415": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/auth/login": {
      "get": {
        "summary": "Innlogging gjennom kommunens OpenID-tjeneste (Authorization Code + PKCE); nettleseren sendes videre",
        "security": [],
        "parameters": [{"name": "tenant", "in": "query", "required": true, "schema": {"type": "string"}}],
        "responses": {"302": {"description": "Videre til innloggingstjenesten; setter en forseglet SameSite=Lax-informasjonskapsel med state, nonce og PKCE"}, "404": {"description": "Kommunen har ingen identitetsfil (HTML-side)"}, "503": {"description": "Innloggingstjenesten svarer ikke (HTML-side)"}}
      }
    },
    "/auth/callback": {
      "get": {
        "summary": "Tilbake fra innloggingstjenesten: sjekker state, ID-token og nonce, og oppretter en økt",
        "security": [],
        "parameters": [{"name": "code", "in": "query", "schema": {"type": "string"}}, {"name": "state", "in": "query", "schema": {"type": "string"}}],
        "responses": {"302": {"description": "Innlogget: øktinformasjonskapsel satt, videre til /"}, "200": {"description": "Personen hører til flere tjenester og velger én (HTML-side)"}, "400": {"description": "Utløpt eller fremmed innlogging (HTML-side)"}, "401": {"description": "Ugyldig svar fra innloggingstjenesten (HTML-side)"}, "403": {"description": "Ingen tjeneste i Stafett; siden sier hvem man spør (HTML-side)"}}
      }
    },
    "/api/v1/sessions/revoke": {
      "post": {
        "summary": "Administrator: avslutt alle økter for en person i egen kommune med en gang",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["person_id"], "properties": {"person_id": {"type": "string", "pattern": "^[0-9a-f]{32}$"}}}}}},
        "responses": {"200": {"description": "Antall økter som ble avsluttet", "content": {"application/json": {"schema": {"type": "object", "properties": {"revoked": {"type": "integer"}}}}}}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/auth/choose": {
      "get": {
        "summary": "Velg tjenesten å arbeide for etter innlogging (når personen hører til flere)",
        "security": [],
        "parameters": [{"name": "i", "in": "query", "required": true, "schema": {"type": "integer"}}],
        "responses": {"302": {"description": "Økt opprettet, videre til /"}, "400": {"description": "Valget er utløpt eller ukjent (HTML-side)"}}
      }
    }
  },
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT (HS256; claims iss, tenant, service, role, exp)"}, "metrics": {"type": "http", "scheme": "bearer", "description": "STAFETT_METRICS_TOKEN"}, "session": {"type": "apiKey", "in": "cookie", "name": "__Host-stafett_session", "description": "Nettappens øktkake (stafett_session på 127.0.0.1). Endringer (POST, PUT, PATCH, DELETE) krever i tillegg Origin fra samme opphav og X-CSRF-Token; ellers 403 csrf_refused."}},
    "parameters": {
      "CsrfToken": {"name": "X-CSRF-Token", "in": "header", "schema": {"type": "string"}, "description": "csrf_token fra GET /auth/session; kreves på endringer med øktkaken"},
      "CaseId": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"}},
      "Reason": {"name": "reason", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 500}, "description": "Hvorfor du leser (tilgangsloggen)"},
      "ReasonHeader": {"name": "X-Access-Reason", "in": "header", "required": false, "schema": {"type": "string", "maxLength": 500}},
      "IdempotencyKey": {"name": "Idempotency-Key", "in": "header", "required": false, "schema": {"type": "string", "maxLength": 200}, "description": "Samme nøkkel gir samme svar og endrer ingenting på nytt."}
    },
    "responses": {
      "Problem": {"description": "Feil (RFC 9457)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    },
    "schemas": {
      "LangText": {"type": "object", "required": ["nb", "nn", "se", "en"], "properties": {"nb": {"type": "string"}, "nn": {"type": "string"}, "se": {"type": "string"}, "en": {"type": "string"}}, "description": "Tekst på bokmål, nynorsk, nordsamisk og engelsk; et språk rutinen ikke har, faller tilbake til bokmål"},
      "DevOptions": {"type": "object", "properties": {"tenants": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"$ref": "#/components/schemas/LangText"}, "services": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"$ref": "#/components/schemas/LangText"}}}}}}}, "roles": {"type": "array", "items": {"type": "string"}}}},
      "Session": {"type": "object", "properties": {"tenant": {"type": "string"}, "service": {"type": "string"}, "role": {"type": "string"}, "person_id": {"type": "string", "description": "nøkkelhash, aldri et navn"}, "csrf_token": {"type": "string"}, "expires_at": {"type": "string", "format": "date-time", "description": "når økten slutter uten mer bruk (inaktiv eller absolutt grense)"}, "source": {"type": "string", "enum": ["dev", "oidc"]}}},
      "Notification": {"type": "object", "properties": {"id": {"type": "string"}, "event": {"type": "string"}, "service": {"type": "string"}, "audience": {"type": "string", "enum": ["service", "leader"]}, "status": {"type": "string", "enum": ["pending", "delivered", "failed"]}, "case": {"type": "object", "properties": {"id": {"type": "string"}, "reference": {"type": "string"}}}, "step": {"type": "string"}, "deadline": {"type": "string", "format": "date-time", "nullable": true}, "attempts": {"type": "integer"}, "attempts_total": {"type": "integer"}, "channels_done": {"type": "array", "items": {"type": "string"}}, "last_error": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}, "next_attempt_at": {"type": "string", "format": "date-time", "nullable": true}, "delivered_at": {"type": "string", "format": "date-time", "nullable": true}}},
      "NotificationPage": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Notification"}}, "next_cursor": {"type": "string", "nullable": true}}},
      "AccessLog": {"type": "object", "properties": {"case_id": {"type": "string"}, "entries": {"type": "array", "items": {"type": "object", "properties": {"at": {"type": "string", "format": "date-time"}, "service": {"type": "string"}, "role": {"type": "string"}, "action": {"type": "string"}, "reason": {"type": "string", "nullable": true}, "via": {"type": "string", "nullable": true, "description": "<vertskommune>/<delt tjeneste> når lesingen kom gjennom en tjeneste som deles mellom kommuner"}}}}}},
      "ReportFigures": {"type": "object", "properties": {"figures": {"type": "object", "additionalProperties": {"type": "integer", "nullable": true}, "description": "visits, decided, left_on_time, overdue_now, completed, level_up, level_down, without_baton_holder, consents_expired, child_welfare_reports, child_welfare_confirmed_same_day"}, "on_time_percent": {"type": "integer", "nullable": true}, "time_in_step_hours": {"type": "object", "properties": {"median": {"type": "integer", "nullable": true}, "p90": {"type": "integer", "nullable": true}}}, "suppressed": {"type": "array", "items": {"type": "string"}}}},
      "Report": {"type": "object", "properties": {"report": {"type": "string", "enum": ["compliance", "kommuneanalyse"]}, "tenant": {"type": "string"}, "period": {"type": "object", "properties": {"from": {"type": "string"}, "to": {"type": "string"}}}, "generated_at": {"type": "string", "format": "date-time"}, "group_by": {"type": "array", "items": {"type": "string"}}, "protection": {"type": "object", "properties": {"min_count": {"type": "integer"}, "rounding": {"type": "string"}, "suppressed_cells": {"type": "integer"}}}, "groups": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/ReportFigures"}, {"type": "object", "properties": {"key": {"type": "object"}, "step_name": {"type": "string"}}}]}}, "total": {"$ref": "#/components/schemas/ReportFigures"}}},
      "Health": {"type": "object", "properties": {"status": {"type": "string"}}},
      "Problem": {
        "type": "object",
        "required": ["type", "title", "status", "detail", "code"],
        "properties": {
          "type": {"type": "string", "example": "urn:stafett:problem:not_allowed"},
          "title": {"type": "string"},
          "status": {"type": "integer"},
          "detail": {"type": "string"},
          "code": {"type": "string", "enum": ["invalid_argument", "bad_request", "pii_found", "not_found", "not_allowed", "stale_version", "version_required", "unauthenticated", "permission_denied", "payload_too_large", "request_timeout", "headers_too_large", "unsupported_media_type", "unavailable", "internal", "method_not_allowed"]},
          "field": {"type": "string", "description": "Feltet problemet gjelder, f.eks. text, categories[1], fields.dato"},
          "request_id": {"type": "string"},
          "allow": {"type": "string"}
        }
      },
      "NewCase": {
        "type": "object",
        "additionalProperties": false,
        "required": ["age_band", "categories", "text"],
        "properties": {
          "routine": {"type": "string", "description": "Kan utelates når kommunen har én rutine"},
          "age_band": {"type": "string", "maxLength": 16, "example": "6-12"},
          "categories": {"type": "array", "maxItems": 50, "items": {"type": "string"}},
          "text": {"type": "string", "minLength": 1, "description": "Bekymringen, uten navn eller fødselsnummer"}
        }
      },
      "Command": {
        "type": "object",
        "required": ["type"],
        "description": "Én kommando. Ukjente felt avvises.",
        "properties": {
          "type": {"type": "string", "enum": ["outcome", "consent", "withdraw_consent", "offer_baton", "accept_baton", "decline_baton", "note", "report_child_welfare", "confirm_child_welfare_report", "close"]},
          "outcome": {"type": "string", "description": "outcome: navnet på utfallet (se allowed)"},
          "fields": {"type": "object", "description": "outcome: verdiene allowed[].requires krever", "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"type": "array", "items": {"type": "string"}}]}},
          "given_by": {"type": "string", "enum": ["guardians", "young_person"]},
          "services": {"type": "array", "items": {"type": "string"}},
          "valid_until": {"type": "string", "format": "date"},
          "remove_services": {"type": "array", "items": {"type": "string"}, "description": "consent (fornyelse): tjenester som tas ut av samtykket; krever confirm_remove"},
          "confirm_remove": {"type": "boolean", "description": "consent (fornyelse): bekrefter at tjenestene i remove_services mister tilgangen"},
          "to": {"type": "string", "description": "offer_baton: tjenesten som får tilbudet"},
          "text": {"type": "string", "description": "note: påkrevd; ellers valgfri kommentar"},
          "reason": {"type": "string", "description": "close: påkrevd"}
        }
      },
      "FieldSpec": {
        "type": "object",
        "required": ["name", "type", "required"],
        "properties": {
          "name": {"type": "string"},
          "type": {"type": "string", "enum": ["text", "date", "datetime", "service", "services", "integer", "boolean", "choice"]},
          "required": {"type": "boolean"},
          "label": {"type": "string"},
          "options": {"type": "array", "items": {"type": "string"}},
          "role": {"type": "string", "enum": ["baton_holder", "measure", "measure_owner", "evaluation_date"], "description": "Hva Stafett gjør med verdien: tilbyr stafettpinnen, eller avtaler et tiltak (beskrivelse, ansvarlig tjeneste, evalueringsdato)"}
        }
      },
      "Baton": {"type": "object", "properties": {"state": {"type": "string", "enum": ["none", "held", "offered"]}, "holder": {"type": "string", "nullable": true}, "offered_to": {"type": "string", "nullable": true}}},
      "Deadline": {"type": "object", "nullable": true, "properties": {"due_at": {"type": "string", "format": "date-time"}}},
      "Case": {
        "type": "object",
        "properties": {
          "id": {"type": "string"},
          "reference": {"type": "string", "example": "NES-2026-0042"},
          "version": {"type": "integer"},
          "status": {"type": "string", "enum": ["open", "closed"]},
          "step": {"type": "string"},
          "step_title": {"type": "string", "nullable": true},
          "phase": {"type": "string", "nullable": true, "enum": ["concern", "observation", "team_meeting", "action", "evaluation", "closed"]},
          "level": {"type": "integer"},
          "responsible": {"type": "string"},
          "reporter": {"type": "string"},
          "age_band": {"type": "string"},
          "categories": {"type": "array", "items": {"type": "string"}},
          "baton": {"$ref": "#/components/schemas/Baton"},
          "consent": {
            "type": "object",
            "properties": {
              "state": {"type": "string", "enum": ["none", "given", "expired", "withdrawn"]},
              "sharing": {"type": "string", "enum": ["anonymous", "consented", "withdrawn"]},
              "given_by": {"type": "string", "nullable": true},
              "services": {"type": "array", "items": {"type": "string"}},
              "valid_until": {"type": "string", "format": "date", "nullable": true}
            }
          },
          "deadline": {"$ref": "#/components/schemas/Deadline"},
          "overdue": {"type": "boolean"},
          "created_at": {"type": "string", "format": "date-time"},
          "step_entered_at": {"type": "string", "format": "date-time"},
          "child_welfare_reported_at": {"type": "string", "format": "date-time", "nullable": true},
          "closed_reason": {"type": "string", "nullable": true},
          "routine": {"type": "object", "properties": {"id": {"type": "string"}, "version": {"type": "integer"}, "hash": {"type": "string"}}},
          "allowed": {
            "type": "array",
            "description": "Eldre felt: bare utfallene. Bruk actions.",
            "items": {"type": "object", "properties": {"outcome": {"type": "string"}, "to": {"type": "string"}, "label": {"type": "string"}, "requires": {"type": "array", "items": {"$ref": "#/components/schemas/FieldSpec"}}}}
          },
          "actions": {"type": "array", "description": "Alle kommandoer du kan gi nå. report_child_welfare er alltid med for teamet.", "items": {"$ref": "#/components/schemas/CaseAction"}},
          "blocked": {"type": "array", "description": "Det du ikke kan gjøre nå, og hvorfor", "items": {"$ref": "#/components/schemas/BlockedAction"}}
        }
      },
      "CaseAction": {"type": "object", "required": ["type"], "properties": {
        "type": {"type": "string", "enum": ["outcome", "consent", "withdraw_consent", "offer_baton", "accept_baton", "decline_baton", "note", "report_child_welfare", "confirm_child_welfare_report", "close"]},
        "outcome": {"type": "string"}, "to": {"type": "string"}, "to_level": {"type": "integer"},
        "label": {"$ref": "#/components/schemas/LangText"}, "to_title": {"$ref": "#/components/schemas/LangText"},
        "requires": {"type": "array", "items": {"$ref": "#/components/schemas/ActionField"}},
        "services": {"type": "array", "items": {"type": "string"}, "description": "offer_baton: hvem den kan gå til; consent: tjenestene samtykket kan omfatte"},
        "given_by": {"type": "array", "items": {"type": "string", "enum": ["guardians", "young_person"]}},
        "requires_text": {"type": "boolean"}, "requires_reason": {"type": "boolean"}}},
      "ActionField": {"type": "object", "properties": {"name": {"type": "string"}, "type": {"type": "string", "enum": ["text", "date", "datetime", "service", "services", "integer", "boolean", "choice"]}, "required": {"type": "boolean"}, "label": {"$ref": "#/components/schemas/LangText"}, "choices": {"type": "array", "items": {"type": "string"}}, "services": {"type": "array", "items": {"type": "string"}, "description": "service: rutinens tjenester; services: samtykkets omfang"}}},
      "BlockedAction": {"type": "object", "required": ["type", "reason", "missing", "message"], "properties": {
        "type": {"type": "string"}, "outcome": {"type": "string", "description": "mangler når det gjelder alle utfall"},
        "reason": {"type": "string", "enum": ["consent_missing", "not_responsible", "baton_not_held", "role_not_allowed", "case_closed"]},
        "missing": {"type": "object", "properties": {"services": {"type": "array", "items": {"type": "string"}}}},
        "responsible": {"type": "string"},
        "message": {"$ref": "#/components/schemas/LangText"}}},
      "PiiFindings": {"type": "object", "properties": {"findings": {"type": "array", "items": {"type": "object", "properties": {
        "kind": {"type": "string", "enum": ["fodselsnummer", "telefonnummer", "epost"]},
        "start": {"type": "integer"}, "end": {"type": "integer"},
        "description": {"type": "string", "description": "kort bokmålsnavn, f.eks. D-nummer; aldri verdien"},
        "message": {"$ref": "#/components/schemas/LangText"}}}}}},
      "HiddenCase": {"type": "object", "description": "Svar når tjenesten din ikke lenger ser saken etter handlingen", "properties": {"id": {"type": "string"}, "version": {"type": "integer"}, "visible": {"type": "boolean", "enum": [false]}}},
      "Worklist": {
        "type": "object",
        "properties": {
          "items": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "tenant": {"type": "string", "description": "Kommunen saken hører til (en delt tjeneste ser flere)"}, "reference": {"type": "string"}, "version": {"type": "integer"}, "status": {"type": "string"}, "step": {"type": "string"}, "phase": {"type": "string", "nullable": true}, "level": {"type": "integer"}, "responsible": {"type": "string"}, "baton": {"$ref": "#/components/schemas/Baton"}, "deadline": {"$ref": "#/components/schemas/Deadline"}, "overdue": {"type": "boolean"}, "routine": {"type": "object"}}}},
          "next_cursor": {"type": "string", "nullable": true}
        }
      },
      "CaseLog": {
        "type": "object",
        "properties": {
          "case_id": {"type": "string"},
          "reference": {"type": "string"},
          "version": {"type": "integer"},
          "entries": {"type": "array", "items": {"type": "object", "properties": {"seq": {"type": "integer"}, "at": {"type": "string", "format": "date-time"}, "kind": {"type": "string"}, "step": {"type": "string"}, "level": {"type": "integer"}, "by": {"type": "object", "properties": {"service": {"type": "string"}, "role": {"type": "string"}}}, "text": {"type": "string", "nullable": true}, "detail": {"type": "object"}}}},
          "visits": {"type": "array", "items": {"type": "object", "properties": {"seq": {"type": "integer"}, "step": {"type": "string"}, "phase": {"type": "string"}, "level": {"type": "integer"}, "responsible": {"type": "string"}, "entered_at": {"type": "string", "format": "date-time"}, "due_at": {"type": "string", "nullable": true}, "left_at": {"type": "string", "nullable": true}, "outcome": {"type": "string", "nullable": true}}}}
        }
      },
      "RoutineStep": {"type": "object", "properties": {
        "id": {"type": "string"}, "kind": {"type": "string"}, "level": {"type": "integer"},
        "title": {"$ref": "#/components/schemas/LangText"},
        "responsible": {"type": "string", "description": "reporter, baton eller en tjeneste-id"},
        "responsible_name": {"allOf": [{"$ref": "#/components/schemas/LangText"}], "nullable": true},
        "deadline": {"type": "object", "nullable": true, "properties": {"iso": {"type": "string", "nullable": true, "example": "P14D"}, "working_days": {"type": "integer", "nullable": true}, "text": {"$ref": "#/components/schemas/LangText"}}},
        "requires": {"type": "array", "items": {"$ref": "#/components/schemas/ActionField"}},
        "outcomes": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "to": {"type": "string"}, "label": {"$ref": "#/components/schemas/LangText"}, "requires": {"type": "array", "items": {"$ref": "#/components/schemas/ActionField"}}}}}}},
      "RoutineHead": {"type": "object", "properties": {"id": {"type": "string"}, "version": {"type": "integer"}, "hash": {"type": "string"}, "title": {"type": "string"}, "reference_prefix": {"type": "string"}, "initial": {"type": "string"}, "abuse_step": {"type": "string"}}},
      "Routine": {
        "allOf": [
          {"$ref": "#/components/schemas/RoutineHead"},
          {"type": "object", "properties": {
            "titles": {"$ref": "#/components/schemas/LangText"},
            "services": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"$ref": "#/components/schemas/LangText"}, "kind": {"type": "string"}}}},
            "steps": {"type": "array", "items": {"$ref": "#/components/schemas/RoutineStep"}},
            "diagram": {"type": "object", "properties": {"mermaid": {"type": "string"}, "render": {"type": "object"}}}
          }}
        ]
      }
    }
  }
})JSON";
  return kDoc;
}

}  // namespace stafett::http
