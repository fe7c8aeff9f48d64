"""The view as values: one table of view parameters (``params``), the filters
(``filters``), the link's encode/decode pair (``share``), tours of saved views (``tours``)
and the records the page's predictor filters in the browser (``predict``)."""
