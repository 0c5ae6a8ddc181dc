/**
 * How the bytes of a mat's port become protocol messages: the acumat protocol as it is, or a
 * text mat's lines of numbers turned into the same device-info and pressure frames, or the
 * choice between the two made from a connection's first lines ({@code --input}).
 */
package dev.acumat.gateway.input;
