<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
