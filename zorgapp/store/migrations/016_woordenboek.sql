-- Schema 16: documents are written with the format-3 dictionary (doc_codec
-- DEFLATE_DICT_2). No table changes: the step exists so that an older Zorgapp, which
-- cannot unpack such documents, refuses the vault as made by a newer version instead of
-- reporting its documents as damaged. Documents packed with DICT_1 stay as they are and
-- are packed anew when next written.
SELECT 1;
