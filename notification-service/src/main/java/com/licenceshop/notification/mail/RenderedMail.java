package com.licenceshop.notification.mail;

public record RenderedMail(String subject, String text, String html) {}
