package com.licenceshop.notification;

import com.licenceshop.servicedefaults.ServiceLaunch;

/** Sends one mail per order event: a confirmation for each purchase, a notice for each cancellation. */
public class Application {

    public static void main(String[] args) {
        ServiceLaunch.start(Application.class, args);
    }
}
