#!/usr/bin/env node
// ./shop up's mail sink: MailDev (same command-line options) that keeps only the newest MAIL_SINK_KEEP mails
// (default 1000). MailDev keeps every mail in memory and its inbox lists them all at once; after a load run's
// 100,000 mails the listing failed with 500. Older mails are deleted as new ones arrive, files included.
'use strict'
const MailDev = require('maildev')

const keep = Number.parseInt(process.env.MAIL_SINK_KEEP || '1000', 10)
if (!(keep > 0)) {
  console.error('MAIL_SINK_KEEP must be a positive number, not ' + process.env.MAIL_SINK_KEEP)
  process.exit(2)
}
const sink = new MailDev()
sink.on('new', function () {
  while (sink.store.length > keep) {
    sink.deleteEmail(sink.store[0].id, function () {})
  }
})
sink.listen()
console.info('MailDev keeps the newest %d mails (MAIL_SINK_KEEP)', keep)
