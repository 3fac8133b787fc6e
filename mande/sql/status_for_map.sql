-- Every State's status for the treaty $treaty on $as_of, with its dates, for a map's tooltips, and its status
-- for the other treaty $other on the same day; sorted by name.
SELECT t.iso3, s.iso_numeric, t.name, t.status, t.signature_date, t.signature_precision,
       t.consent_type, t.consent_date, t.consent_precision, t.consent_earliest, o.status
FROM status_as_of($treaty, $as_of) t JOIN states s USING (iso3) JOIN status_as_of($other, $as_of) o USING (iso3)
ORDER BY collated(t.name)
