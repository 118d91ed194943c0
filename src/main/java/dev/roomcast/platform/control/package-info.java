/** What roomcast takes from the application server: managed executors. */
package dev.roomcast.platform.control;
