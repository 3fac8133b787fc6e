-- The views every question builds on, over the records. db.py creates them twice: in the schema
-- `secretariat`, over every record, and in the schema `public`, over what public.sql lets the public read; so
-- the same question asked on a public cursor never sees a confidential record. Every question about treaty
-- status is answered here, so that the app, the command line and the exports agree.

-- The memberships in force on a date: started on or before it (or no known start), not yet ended. The one rule
-- for a State's group on a day, an event's day too (LEFT JOIN LATERAL memberships_as_of(start_date)).
CREATE MACRO memberships_as_of(as_of) AS TABLE
    SELECT grouping, "group", iso3
    FROM groups
    WHERE (start_date IS NULL OR start_date <= as_of)
      AND (end_date IS NULL OR end_date > as_of);

-- The States a source names at an event: one row for each entry of participation that names a State, with the
-- event's date and type. Every count of States taking part, met or reached builds on it.
CREATE VIEW states_at_events AS
    SELECT p.event_id, e.title, e.type, e.start_date, e.date_precision, p.iso3, p.role, p.level, p.illustrative
    FROM participation p JOIN events e USING (event_id)
    WHERE p.iso3 IS NOT NULL;

-- How many people some entries of participation count, for a query's groups: the sum of their counts, or NULL
-- (unknown, not 0) when an entry has none.
CREATE MACRO people_counted(n) AS CASE WHEN count(n) = count(*) THEN sum(n)::INTEGER END;

-- A State's highest role and level at an event, where several entries name it: a State that hosted and spoke
-- is shown as host, one at senior and technical level as senior.
CREATE MACRO highest_role(role) AS arg_max(role, CASE role WHEN 'host' THEN 3 WHEN 'speaker' THEN 2 ELSE 1 END);
CREATE MACRO highest_level(level) AS
    arg_max(level, CASE level WHEN 'senior' THEN 4 WHEN 'technical' THEN 3 WHEN 'other' THEN 2 ELSE 1 END);

-- An event's region as the Events page's filter knows it: the recorded region without its detail in brackets,
-- so that "Africa (common law)" and "Africa (sub-Saharan)" are both Africa; NULL when none is recorded.
CREATE MACRO broad_region(region) AS nullif(trim(split_part(region, ' (', 1)), '');

-- When each State was party to each treaty: from a consent to be bound (ratification, accession or
-- succession, by its date of deposit, not of entry into force) until the withdrawal that follows it (NULL
-- while in force). This is the one definition of "party": the status on a date, the parties over time, the
-- pace and R1.1 are all derived from it. Which action is a consent and which a withdrawal is party_step(action)
-- (contracts.PARTY_STEP, made a macro by db.py), which the contract's checks across rows read too: they refuse
-- what this could not make sense of (consents and withdrawals of a State must alternate, a consent first, one
-- a day), so the step after a consent, if any, is its withdrawal.
CREATE VIEW party_periods AS
    WITH steps AS (
        SELECT treaty, iso3, action, party_step(action) AS step, "date", date_precision, date_earliest,
               lead(party_step(action)) OVER w AS next_step, lead("date") OVER w AS next_date,
               lead(date_precision) OVER w AS next_precision, lead(date_earliest) OVER w AS next_earliest
        FROM treaty_actions
        WHERE party_step(action) IS NOT NULL
        WINDOW w AS (PARTITION BY treaty, iso3 ORDER BY "date")
    )
    SELECT treaty, iso3, action AS consent_type, "date" AS from_date, date_precision, date_earliest,
           CASE WHEN next_step = 'withdrawal' THEN next_date END AS until_date,
           CASE WHEN next_step = 'withdrawal' THEN next_precision END AS until_precision,
           CASE WHEN next_step = 'withdrawal' THEN next_earliest END AS until_earliest
    FROM steps
    WHERE step = 'consent';

-- Status of every State for a treaty on a date. Party: within one of its party periods on that date; else
-- signatory: signed on or before the date; else no action. The consent shown is the latest on or before the
-- date (for a State that has since withdrawn, with its withdrawal).
CREATE MACRO status_as_of(for_treaty, as_of) AS TABLE
    WITH consent AS (  -- the latest party period begun on or before the date
        SELECT iso3, consent_type, from_date AS consent_date, date_precision AS consent_precision,
               date_earliest AS consent_earliest, until_date
        FROM party_periods WHERE treaty = for_treaty AND from_date <= as_of
        QUALIFY row_number() OVER (PARTITION BY iso3 ORDER BY from_date DESC) = 1
    ),
    signature AS (
        SELECT iso3, min("date") AS signature_date, arg_min(date_precision, "date") AS signature_precision
        FROM treaty_actions WHERE treaty = for_treaty AND "date" <= as_of AND action = 'signature' GROUP BY iso3
    )
    SELECT
        s.iso3, s.name,
        CASE
            WHEN c.consent_date IS NOT NULL AND (c.until_date IS NULL OR c.until_date > as_of) THEN 'party'
            WHEN g.signature_date IS NOT NULL THEN 'signatory'
            ELSE 'no action'
        END AS status,
        g.signature_date, g.signature_precision,
        c.consent_type, c.consent_date, c.consent_precision, c.consent_earliest,
        CASE WHEN c.until_date <= as_of THEN c.until_date END AS withdrawal_date
    FROM states s
    LEFT JOIN consent c USING (iso3)
    LEFT JOIN signature g USING (iso3);

-- The party periods as steps: +1 on the day a State becomes party, -1 on the day its withdrawal takes it out.
-- Summed up to a date, the number of States that status_as_of calls party on that date.
CREATE VIEW party_changes AS
    SELECT treaty, iso3, from_date AS "date", date_precision, date_earliest, consent_type AS action, 1 AS change
    FROM party_periods
    UNION ALL
    SELECT treaty, iso3, until_date, until_precision, until_earliest, 'withdrawal', -1
    FROM party_periods WHERE until_date IS NOT NULL;

-- Technical advice is confidential ("no name, no shame"): the public view sees it only as counts per year,
-- never a State's name or code, whatever a row's `confidential` says. A count below small_count() (db.py
-- defines it from confidential.SMALL) is suppressed (NULL): one or two requests, or one or two States advised,
-- in a year could identify the State(s). The number of States is suppressed on its own as well, since 5
-- requests from 1 State would point to that State. `illustrative` is true when any row counted is sample
-- data, so that the figure is labelled as such. One of the two views that read the records whole.
CREATE VIEW advice_per_year AS
    WITH per_year AS (
        SELECT year("date") AS year, count(*) AS requests, count(DISTINCT iso3) AS states,
               bool_or(illustrative = 'yes') AS illustrative
        FROM secretariat.advice GROUP BY year("date")
    )
    SELECT year,
           CASE WHEN requests >= small_count() THEN requests END AS requests,
           CASE WHEN states >= small_count() THEN states END AS states,
           illustrative
    FROM per_year;

-- How many confidential events began in each year: all the public view may know of them, a count below
-- small_count() suppressed (NULL) as in advice_per_year. The other view that reads the records whole.
CREATE VIEW confidential_events_per_year AS
    SELECT year(start_date) AS year, CASE WHEN count(*) >= small_count() THEN count(*) END AS events
    FROM secretariat.events WHERE confidential = 'yes' GROUP BY ALL;
