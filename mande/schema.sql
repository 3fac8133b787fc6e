-- Views and table macros over the tables loaded from the CSV files (their columns are declared in
-- contracts.py). Every question about treaty status is answered here, so that the app, the command line
-- and the exports agree.

-- The memberships in force on a date: started on or before it (or no known start), not yet ended.
CREATE MACRO memberships_as_of(as_of) AS TABLE
    SELECT grouping, "group", iso3
    FROM groups
    WHERE (start_date IS NULL OR start_date <= as_of)
      AND (end_date IS NULL OR end_date > as_of);

-- Status of every State for a treaty on a date. Party: a ratification, accession or succession deposited
-- on or before the date and not followed by a withdrawal; else signatory: signed on or before the date;
-- else no action. Party counts by the date of deposit, not of entry into force.
CREATE MACRO status_as_of(for_treaty, as_of) AS TABLE
    WITH actions AS (
        SELECT * FROM treaty_actions WHERE treaty = for_treaty AND "date" <= as_of
    ),
    consent AS (
        SELECT iso3, arg_max(action, "date") AS consent_type, max("date") AS consent_date,
               arg_max(date_precision, "date") AS consent_precision,
               arg_max(date_earliest, "date") AS consent_earliest
        FROM actions WHERE action IN ('ratification', 'accession', 'succession') GROUP BY iso3
    ),
    withdrawal AS (
        SELECT iso3, max("date") AS withdrawal_date FROM actions WHERE action = 'withdrawal' GROUP BY iso3
    ),
    signature AS (
        SELECT iso3, min("date") AS signature_date, arg_min(date_precision, "date") AS signature_precision
        FROM actions WHERE action = 'signature' GROUP BY iso3
    )
    SELECT
        s.iso3, s.name,
        CASE
            WHEN c.consent_date IS NOT NULL
                 AND (w.withdrawal_date IS NULL OR w.withdrawal_date < c.consent_date) THEN 'party'
            WHEN g.signature_date IS NOT NULL THEN 'signatory'
            ELSE 'no action'
        END AS status,
        g.signature_date, g.signature_precision,
        c.consent_type, c.consent_date, c.consent_precision, c.consent_earliest,
        w.withdrawal_date
    FROM states s
    LEFT JOIN consent c USING (iso3)
    LEFT JOIN withdrawal w USING (iso3)
    LEFT JOIN signature g USING (iso3);

-- +1 when a State becomes party, -1 when it withdraws: summed up to a date, the number of parties.
CREATE VIEW party_changes AS
    SELECT treaty, iso3, "date", date_precision, date_earliest, action,
           CASE WHEN action = 'withdrawal' THEN -1 ELSE 1 END AS change
    FROM treaty_actions
    WHERE action IN ('ratification', 'accession', 'succession', 'withdrawal');

-- The events and participation the public view may show: confidential events (and everything recorded of
-- them) are left out here, where the data is queried, not hidden later in a page.
CREATE VIEW public_events AS SELECT * FROM events WHERE confidential = 'no';
CREATE VIEW public_participation AS
    SELECT p.* FROM participation p JOIN public_events USING (event_id);

-- Technical advice is confidential ("no name, no shame"): the public view sees it only as counts per year,
-- never a State's name or code, whatever a row's `confidential` says. A count below 3 is suppressed (NULL):
-- one or two requests, or one or two States advised, in a year could identify the State(s). The number of
-- States is suppressed on its own as well, since 5 requests from 1 State would point to that State.
-- `illustrative` is true when any row counted is sample data, so that the figure is labelled as such.
CREATE VIEW public_advice_per_year AS
    WITH per_year AS (
        SELECT year("date") AS year, count(*) AS requests, count(DISTINCT iso3) AS states,
               bool_or(illustrative = 'yes') AS illustrative
        FROM advice GROUP BY year("date")
    )
    SELECT year,
           CASE WHEN requests >= 3 THEN requests END AS requests,
           CASE WHEN states >= 3 THEN states END AS states,
           illustrative
    FROM per_year;
