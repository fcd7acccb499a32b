const express = require('express');
const db = require('../db/client');
const { notes } = require('../db/schema');

const router = express.Router();

/* GET the notes (the table the drizzle migration creates). */
router.get('/', async function (req, res, next) {
  try {
    res.json(await db.select().from(notes));
  } catch (err) {
    next(err);
  }
});

module.exports = router;
