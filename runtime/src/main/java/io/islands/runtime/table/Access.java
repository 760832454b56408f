package io.islands.runtime.table;

/**
 * Who may read and write a table (ETS's protection levels). Checked against the calling
 * process, {@link io.islands.runtime.Proc#current()}; code running outside any process counts as
 * a process that is not the owner.
 *
 * <table>
 *   <caption>Access by caller</caption>
 *   <tr><th>access</th><th>owner</th><th>other process</th><th>outside any process</th></tr>
 *   <tr><td>{@link #PRIVATE}</td><td>read, write</td><td>none</td><td>none</td></tr>
 *   <tr><td>{@link #PROTECTED} (default)</td><td>read, write</td><td>read</td><td>read</td></tr>
 *   <tr><td>{@link #PUBLIC}</td><td>read, write</td><td>read, write</td><td>read, write</td></tr>
 * </table>
 *
 * A denied access throws {@link TableAccessException} and changes nothing.
 */
public enum Access {
    PRIVATE,
    PROTECTED,
    PUBLIC
}
