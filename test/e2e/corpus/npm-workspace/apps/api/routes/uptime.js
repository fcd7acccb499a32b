var express = require('express');
var { since } = require('@acme/shared');
var router = express.Router();

var started = Date.now();

/* GET the time since the server started. */
router.get('/', function(req, res) {
  res.json({ up: since(started) });
});

module.exports = router;
