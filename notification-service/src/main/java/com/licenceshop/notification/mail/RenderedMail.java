package com.licenceshop.notification.mail;

/** A mail ready to send: subject, plain-text part and HTML part. */
public record RenderedMail(String subject, String text, String html) {}
