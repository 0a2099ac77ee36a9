-- Schema version 3: whether an entity's country comes from the document's places (a group
-- named without a country: "la police", "des manifestants"); rows written before keep it in "extra".

ALTER TABLE entities ADD COLUMN country_from_context INTEGER;
