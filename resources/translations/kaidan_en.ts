<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CliMessages</name>
    <message numerus="yes">
        <source>pushing %n command(s)</source>
        <translation>
            <numerusform>pushing %n command</numerusform>
            <numerusform>pushing %n commands</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the server was restored from a backup; this replica was downloaded again and %n acknowledged change(s) were sent again</source>
        <translation>
            <numerusform>the server was restored from a backup; this replica was downloaded again and %n acknowledged change was sent again</numerusform>
            <numerusform>the server was restored from a backup; this replica was downloaded again and %n acknowledged changes were sent again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pushed %n command(s), all accepted</source>
        <translation>
            <numerusform>pushed %n command, accepted</numerusform>
            <numerusform>pushed %n commands, all accepted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pushed %n command(s): {accepted} accepted, {rejected} rejected, {held} held</source>
        <translation>
            <numerusform>pushed %n command: {accepted} accepted, {rejected} rejected, {held} held</numerusform>
            <numerusform>pushed %n commands: {accepted} accepted, {rejected} rejected, {held} held</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pulled %n row(s)</source>
        <translation>
            <numerusform>pulled %n row</numerusform>
            <numerusform>pulled %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the server rejected %n command(s)</source>
        <translation>
            <numerusform>the server rejected %n command</numerusform>
            <numerusform>the server rejected %n commands</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more are held back because they depend on a rejected one</source>
        <translation>
            <numerusform>%n more is held back because it depends on a rejected one</numerusform>
            <numerusform>%n more are held back because they depend on a rejected one</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>search index built: %n record(s) in {seconds} s</source>
        <translation>
            <numerusform>search index built: %n record in {seconds} s</numerusform>
            <numerusform>search index built: %n records in {seconds} s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>verify passed: %n table(s) equal the server&apos;s</source>
        <translation>
            <numerusform>verify passed: %n table equals the server&apos;s</numerusform>
            <numerusform>verify passed: %n tables equal the server&apos;s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>table {table} differs: %n row(s) here, {server} on the server</source>
        <translation>
            <numerusform>table {table} differs: %n row here, {server} on the server</numerusform>
            <numerusform>table {table} differs: %n rows here, {server} on the server</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server rejected or held %n change(s); click to see them</source>
        <translation>
            <numerusform>The server rejected or held %n change; click to see it</numerusform>
            <numerusform>The server rejected or held %n changes; click to see them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderEditor</name>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductPickerDialog</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductsView</name>
    <message numerus="yes">
        <source>%n product(s) shown of more than 1000 matches; type more to narrow them</source>
        <translation>
            <numerusform>%n product shown of more than 1000 matches; type more to narrow them</numerusform>
            <numerusform>%n products shown of more than 1000 matches; type more to narrow them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) shown; scroll for more</source>
        <translation>
            <numerusform>%n product shown; scroll for more</numerusform>
            <numerusform>%n products shown; scroll for more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuppliersView</name>
    <message numerus="yes">
        <source>%n supplier(s)</source>
        <translation>
            <numerusform>%n supplier</numerusform>
            <numerusform>%n suppliers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncProblemsView</name>
    <message numerus="yes">
        <source>%n change(s) wait for this one.</source>
        <translation>
            <numerusform>%n change waits for this one.</numerusform>
            <numerusform>%n changes wait for this one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discard %n change(s)? They will never reach the server, and their effects on this computer are undone:</source>
        <translation>
            <numerusform>Discard %n change? It will never reach the server, and its effects on this computer are undone:</numerusform>
            <numerusform>Discard %n changes? They will never reach the server, and their effects on this computer are undone:</numerusform>
        </translation>
    </message>
</context>
</TS>
