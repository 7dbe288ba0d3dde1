package com.licenceshop.projector.inbound;

/**
 * Told about each batch between its commit and its acknowledgement: the moment a crash leaves committed but
 * unacknowledged deliveries behind (the redelivery the inbox exists for). Production has no observer; tests
 * use one to cut the broker connection at exactly that moment.
 */
interface BatchObserver {

    void committedNotYetAcknowledged(int deliveries);
}
